// Prints the live events of a match as they happen, each completed by the gateway with the match's
// broadcaster (a billing customer): MERIDIAN_KEY=<your key> node gateway/examples/live-events.mjs
import { createClient } from 'graphql-ws';
import WebSocket from 'ws'; // Node 20 has no global WebSocket

const client = createClient({
  url: process.env.MERIDIAN_URL ?? 'ws://127.0.0.1:4000/graphql',
  webSocketImpl: WebSocket,
  // The key goes in the connection_init payload: browsers cannot set headers on a websocket.
  connectionParams: { 'x-api-key': process.env.MERIDIAN_KEY },
});

client.subscribe(
  {
    query: `subscription {
      matchEvents(matchId: "match_0001") { type publishedAt player { name } match { broadcaster { name } } }
    }`,
  },
  {
    next: ({ data, errors }) => console.log(JSON.stringify(errors ?? data)),
    // A refused key closes the connection (4401); a refused subscription comes as GraphQL errors.
    error: (error) => {
      console.error(error instanceof Error ? error.message : (error.reason ?? error));
      process.exitCode = 1;
    },
    complete: () => client.dispose(),
  },
);
