/**
 * Defense in depth: a subgraph checks every operation against its own access rules and the principal the
 * gateway signed, before any resolver runs. A call that reaches a subgraph around the gateway with a valid
 * signature, or a gateway that lets a field slip, still gets only what the principal may see. Refusals carry
 * the gateway's codes: UNAUTHENTICATED when a field needs an identity the principal lacks, FORBIDDEN naming
 * the scopes it lacks. Federation's `_entities` is checked by the types its fragments select; `_service` is
 * under no rule. An unsigned call (principal null, possible in development only) is local tooling: not checked.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { refusal } from '../refusals';
import { describeRefusals, refusalsOf, rulesOfOperation, type Caller, type FieldRules } from './authorize';
import { readAccessPolicies } from './policies';

export interface AccessGuard {
  /** The refusal of `operation` (of `document`) for `principal`, or undefined when all of it is allowed. */
  check(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    principal: Caller | null,
  ): GraphQLError | undefined;
}

/** A guard over `schema`'s own rules, as its SDL declares them (`printSubgraphSchema` keeps directives). */
export function createAccessGuard(schema: GraphQLSchema): AccessGuard {
  const policies = readAccessPolicies(printSubgraphSchema(schema));
  // Servers keep parsed documents, so an operation seen before is walked once, whoever calls it.
  const known = new WeakMap<OperationDefinitionNode, readonly FieldRules[]>();
  return {
    check(document, operation, principal) {
      if (!principal) return undefined;
      let fields = known.get(operation);
      if (!fields) {
        fields = rulesOfOperation(schema, document, operation, policies);
        known.set(operation, fields);
      }
      const refusals = refusalsOf(fields, principal);
      if (refusals.length === 0) return undefined;
      const code = refusals.some((r) => r.needsIdentity) ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      return refusal(code, describeRefusals(refusals), {
        refused: refusals.map(({ field, missingScopes }) => ({ field, missingScopes })),
      });
    },
  };
}

/**
 * The guard in Apollo Server: `principalOf` gives the principal verified when the request's context was made
 * (null for an unsigned call), so the signature is checked once a request.
 */
export function accessGuardPlugin<Context extends BaseContext>(
  guard: AccessGuard,
  principalOf: (context: Context) => Caller | null,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          // Apollo Server has refused a document without the operation asked for before this runs.
          if (!operation) return;
          const refused = guard.check(document, operation, principalOf(contextValue));
          if (refused) throw refused;
        },
      };
    },
  };
}
