/**
 * The baseline of the edge benchmark: a bare `@apollo/gateway` behind `@apollo/server`'s standalone server,
 * with no plugins and no edge at all, serving a supergraph file. It is what Meridian's gateway would be
 * without its edge: the ratio of the two is what the edge costs.
 *
 * With a third argument `meridian-fetcher` it calls the subgraphs through Meridian's fetcher (undici over a
 * keep-alive pool, `gateway/src/subgraph-fetch.ts`) and nothing else of Meridian: the gateway Meridian's
 * edge is built on, so the two differ by the edge alone.
 *
 * `node apollo-gateway.js <supergraph file> <port> [meridian-fetcher]`; tells its parent process when it is
 * ready, the way Meridian's services do.
 */
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { subgraphFetcher, subgraphPool } from '@meridian/gateway/dist/subgraph-fetch';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/** Meridian's default deadline of one subgraph fetch. */
const SUBGRAPH_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  const [file, port, fetcher] = process.argv.slice(2);
  if (!file || !port) throw new Error('usage: apollo-gateway.js <supergraph file> <port> [meridian-fetcher]');
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
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(port) } });
  const base = url.replace(/\/$/, '');
  process.send?.({ type: 'ready', name: 'apollo-gateway', url: base });
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
