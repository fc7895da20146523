/** The cross-subgraph example `npm start` prints, as a curl command. */
import { EXAMPLE_QUERY } from '@meridian/gateway';

export { EXAMPLE_QUERY };

export function exampleCurl(graphqlUrl: string, apiKey: string | undefined): string {
  const body = JSON.stringify({ query: EXAMPLE_QUERY });
  const key = apiKey ? ` -H 'x-api-key: ${apiKey}'` : '';
  return `curl -si ${graphqlUrl} -H 'content-type: application/json'${key} \\\n  -d '${body}'`;
}
