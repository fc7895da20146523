/**
 * The first query a new user runs: one request that crosses all three subgraphs (billing's customers, the
 * matches they broadcast, the aircraft they operate). `npm start` prints it as a curl command, the explorer
 * opens with it, and the integration tests run it, so the example cannot rot.
 */
import { parse, print } from 'graphql';

export const EXAMPLE_QUERY =
  '{ customers { name industry broadcasts { kickoff homeTeam { name } awayTeam { name } } aircraft { registration type } } }';

/** The same query, laid out for reading, with a word on what it does. */
export const EXPLORER_EXAMPLE_QUERY = `# Customers (billing subgraph) with the matches they
# broadcast (matches) and the aircraft they operate
# (telemetry): one request. Press the run button.
${print(parse(EXAMPLE_QUERY))}
`;
