/**
 * The page a browser gets at `/graphql` in development: GraphiQL, served whole from this process (no CDN), so
 * the explorer works on a machine without internet access. Production keeps Apollo's plain landing page;
 * partners explore from the portal with their own session.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { EXPLORER_EXAMPLE_QUERY } from './examples';

export function explorerLandingPage(): ApolloServerPlugin {
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
          });
          return { html };
        },
      };
    },
  };
}
