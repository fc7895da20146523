/**
 * The page a browser gets at `/graphql` in development: GraphiQL, served whole from this process (no CDN), so
 * the explorer works on a machine without internet access. It opens with the demo key in its headers.
 * Production keeps Apollo's plain landing page;
 * partners explore from the portal with their own session.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { EXPLORER_EXAMPLE_QUERY } from './examples';

/** `apiKey`: the development platform's demo key, filled into the explorer's headers so the example runs. */
export function explorerLandingPage(apiKey: string): ApolloServerPlugin {
  let html: string | undefined;
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          // Rendered once, on the first visit: the page inlines about 9 MB of GraphiQL.
          html ??= renderGraphiQL({
            title: 'Meridian GraphQL explorer',
            endpoint: '/graphql',
            defaultQuery: EXPLORER_EXAMPLE_QUERY,
            headers: JSON.stringify({ 'x-api-key': apiKey }, null, 2),
          });
          return { html };
        },
      };
    },
  };
}
