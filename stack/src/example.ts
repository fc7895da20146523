/**
 * The query `npm start` prints as its first example: one request that crosses all three subgraphs
 * (billing's customers, the matches they broadcast, the aircraft they operate). The integration tests run
 * the same text, so the printed example cannot rot.
 */
export const EXAMPLE_QUERY =
  '{ customers { name industry broadcasts { kickoff homeTeam { name } awayTeam { name } } aircraft { registration type } } }';

export function exampleCurl(graphqlUrl: string): string {
  const body = JSON.stringify({ query: EXAMPLE_QUERY });
  return `curl -s ${graphqlUrl} -H 'content-type: application/json' \\\n  -d '${body}'`;
}
