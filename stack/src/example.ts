/** The cross-subgraph example `npm start` prints, as a curl command. */
import { EXAMPLE_QUERY } from '@meridian/gateway';

export { EXAMPLE_QUERY };

export function exampleCurl(graphqlUrl: string): string {
  const body = JSON.stringify({ query: EXAMPLE_QUERY });
  return `curl -s ${graphqlUrl} -H 'content-type: application/json' \\\n  -d '${body}'`;
}
