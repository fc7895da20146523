/**
 * The authorization step of the request pipeline: refuses, before planning, any operation that selects a
 * field the caller may not see: UNAUTHENTICATED when it needs an identity the call lacks, FORBIDDEN when
 * it needs a scope the key lacks. Both name every field refused.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@meridian/schema';
import type { GatewayContext } from '../context';
import { authorizeOperation, describeRefusals } from './authorize';
import type { AccessPolicies } from './policies';

export function authorizationPlugin(policies: AccessPolicies): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (!operation) return;
          const refusals = authorizeOperation(schema, document, operation, policies, contextValue.principal);
          if (refusals.length === 0) return;
          const { principal } = contextValue;
          // A call without credentials is told to bring some rather than that it lacks a scope.
          const anonymous = !principal.keyId && !principal.userId;
          throw codedError(anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN', describeRefusals(refusals), {
            refused: refusals.map(({ field, missingScopes }) => ({ field, missingScopes })),
            http: { status: anonymous ? 401 : 403 },
          });
        },
      };
    },
  };
}
