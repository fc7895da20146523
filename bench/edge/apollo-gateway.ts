/**
 * The baseline of the edge benchmark: a bare `@apollo/gateway` behind `@apollo/server`'s standalone server,
 * with no plugins and no edge at all, serving a supergraph file. It is what Meridian's gateway would be
 * without its edge: the ratio of the two is what the edge costs.
 *
 * With a third argument `meridian-fetcher` it calls the subgraphs through Meridian's fetcher (undici over a
 * keep-alive pool, `gateway/src/subgraph-fetch.ts`) and nothing else of Meridian: the gateway Meridian's
 * edge is built on, so the two differ by the edge alone.
 *
 * With `kit-http` as well it is served by Meridian's own HTTP service (`startHttpService` in `@meridian/kit`:
 * express 5, the request log, the body and query limits, Apollo's express integration) instead of Apollo's
 * standalone server, still with no plugin and an empty context: what Meridian's HTTP layer costs alone.
 *
 * `node apollo-gateway.js <supergraph file> <port> [meridian-fetcher [kit-http]]`; tells its parent process
 * when it is ready, the way Meridian's services do.
 */
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { subgraphFetcher, subgraphPool } from '@meridian/gateway/subgraph-fetch';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createLogger, startHttpService } from '@meridian/kit';

/** Meridian's default deadline of one subgraph fetch. */
const SUBGRAPH_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  const [file, port, fetcher, http] = process.argv.slice(2);
  if (!file || !port) {
    throw new Error('usage: apollo-gateway.js <supergraph file> <port> [meridian-fetcher [kit-http]]');
  }
  const pool = fetcher === 'meridian-fetcher' ? subgraphPool() : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(file, 'utf8'),
    ...(pool
      ? {
          buildService: ({ url }) =>
            new RemoteGraphQLDataSource({ url, fetcher: subgraphFetcher(SUBGRAPH_TIMEOUT_MS, pool) }),
        }
      : {}),
  });
  let base: string;
  let close: () => Promise<void>;
  if (http === 'kit-http') {
    const service = await startHttpService({
      name: 'apollo-kit',
      host: '127.0.0.1',
      port: Number(port),
      mode: 'development',
      logger: createLogger('apollo-kit', 'warn'),
      apollo: { gateway },
      context: async () => ({}),
      health: async () => undefined,
    });
    base = service.url;
    close = () => service.close();
  } else {
    const server = new ApolloServer({ gateway });
    const { url } = await startStandaloneServer(server, {
      listen: { host: '127.0.0.1', port: Number(port) },
    });
    base = url.replace(/\/$/, '');
    close = () => server.stop();
  }
  process.send?.({ type: 'ready', name: 'apollo-gateway', url: base });
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
