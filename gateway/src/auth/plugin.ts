/**
 * The authorization step of the request pipeline: refuses, before planning, any operation that selects a
 * field the caller may not see: UNAUTHENTICATED when it needs an identity the call lacks, FORBIDDEN when
 * it needs a scope the key lacks. Both name every field refused.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type OperationDefinitionNode } from 'graphql';
import { codedError } from '@meridian/schema';
import type { GatewayContext } from '../context';
import { authorizeOperation, describeRefusals } from './authorize';
import type { AccessPolicies } from './policies';

export interface AuthorizationOptions {
  readonly policies: AccessPolicies;
  /** Whether callers without credentials may introspect the schema (development only, by default). */
  readonly anonymousIntrospection: boolean;
}

/** Whether the operation asks for the schema itself. */
function introspects(operation: OperationDefinitionNode): boolean {
  let found = false;
  visit(operation, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

export function authorizationPlugin(options: AuthorizationOptions): ApolloServerPlugin<GatewayContext> {
  const { policies } = options;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (!operation) return;
          const { principal } = contextValue;
          const identified = Boolean(principal.keyId || principal.userId);
          if (!identified && !options.anonymousIntrospection && introspects(operation)) {
            throw codedError('UNAUTHENTICATED', 'introspection needs an API key or a session', {
              http: { status: 401 },
            });
          }
          const refusals = authorizeOperation(schema, document, operation, policies, contextValue.principal);
          if (refusals.length === 0) return;
          // A call without credentials is told to bring some rather than that it lacks a scope.
          const anonymous = !identified;
          throw codedError(anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN', describeRefusals(refusals), {
            refused: refusals.map(({ field, missingScopes }) => ({ field, missingScopes })),
            http: { status: anonymous ? 401 : 403 },
          });
        },
      };
    },
  };
}
