/**
 * The baseline of the edge benchmark: a bare `@apollo/gateway` behind `@apollo/server`'s standalone server,
 * with no plugins and no edge at all, serving a supergraph file. It is what Meridian's gateway would be
 * without its edge: the ratio of the two is what the edge costs.
 *
 * `node apollo-gateway.js <supergraph file> <port>`; tells its parent process when it is ready, the way
 * Meridian's services do.
 */
import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

async function main(): Promise<void> {
  const [file, port] = process.argv.slice(2);
  if (!file || !port) throw new Error('usage: apollo-gateway.js <supergraph file> <port>');
  const gateway = new ApolloGateway({ supergraphSdl: fs.readFileSync(file, 'utf8') });
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
