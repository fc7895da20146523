/**
 * The authorization step of the edge pipeline: refuses any operation that selects a field the caller may not
 * see (UNAUTHENTICATED when it needs an identity the call lacks, FORBIDDEN when it needs a scope the caller
 * lacks, both naming every field refused), and introspection by callers without credentials where it is
 * closed, however the `__schema` or `__type` is hidden (fragments, aliases).
 *
 * What a caller is refused depends on the operation and on the caller's identity and scopes only, so it is
 * worked out once per parsed operation and kind of caller: Apollo Server keeps parsed documents, and the
 * principals of cached keys keep their scope lists, so a repeated operation from a known key is a lookup.
 */
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import {
  authorizeOperation,
  describeRefusals,
  type AccessPolicies,
  type Refusal,
} from '@meridian/kit/access';
import type { Principal } from '@meridian/kit/principal';
import { refusal } from '@meridian/kit/refusals';
import { shapeOf } from '../pipeline';
import type { EdgeStep } from '../request';

export interface AuthorizationOptions {
  readonly policies: AccessPolicies;
  /** Whether callers without credentials may introspect the schema (development only, by default). */
  readonly anonymousIntrospection: boolean;
}

/**
 * Kinds of caller whose refusals are kept per operation; beyond them an operation is checked on each call.
 * Callers of one partner share scope lists, so a few cover nearly every call.
 */
const CALLER_KINDS_PER_OPERATION = 32;

interface Decisions {
  readonly schema: GraphQLSchema;
  /** Refusals by kind of caller (`callerKind`). */
  readonly byCaller: Map<string, readonly Refusal[]>;
}

/** Names a caller as far as the access rules ask: whether it has an identity, and its scopes. */
function callerKind(principal: Principal, identified: boolean, names: WeakMap<object, string>): string {
  let scopes = names.get(principal.scopes);
  if (scopes === undefined) {
    scopes = JSON.stringify(principal.scopes);
    names.set(principal.scopes, scopes);
  }
  return `${identified ? 'identified' : 'anonymous'}:${scopes}`;
}

export function authorizationStep(options: AuthorizationOptions): EdgeStep {
  const decisions = new WeakMap<OperationDefinitionNode, Decisions>();
  const scopeNames = new WeakMap<object, string>();
  const refusalsOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    principal: Principal,
    identified: boolean,
  ): readonly Refusal[] => {
    let known = decisions.get(operation);
    if (!known || known.schema !== schema) {
      known = { schema, byCaller: new Map() };
      decisions.set(operation, known);
    }
    const kind = callerKind(principal, identified, scopeNames);
    let refusals = known.byCaller.get(kind);
    if (!refusals) {
      refusals = authorizeOperation(schema, document, operation, options.policies, principal);
      if (known.byCaller.size < CALLER_KINDS_PER_OPERATION) known.byCaller.set(kind, refusals);
    }
    return refusals;
  };
  return {
    check(operation) {
      const { principal } = operation.context;
      const identified = Boolean(principal.keyId || principal.userId);
      if (!identified && !options.anonymousIntrospection && shapeOf(operation).introspects) {
        throw refusal('UNAUTHENTICATED', 'introspection needs an API key or a session');
      }
      const refusals = refusalsOf(
        operation.schema,
        operation.document,
        operation.operation,
        principal,
        identified,
      );
      if (refusals.length === 0) return;
      if (operation.context.partnerSuspended) {
        throw refusal(
          'PARTNER_SUSPENDED',
          `the partner is suspended: its people may only sign in, see keys, usage and invoices, and revoke keys (${describeRefusals(refusals)})`,
          { refused: refusals.map(({ field, missingScopes }) => ({ field, missingScopes })) },
        );
      }
      // A call without credentials is told to bring some rather than that it lacks a scope.
      throw refusal(identified ? 'FORBIDDEN' : 'UNAUTHENTICATED', describeRefusals(refusals), {
        refused: refusals.map(({ field, missingScopes }) => ({ field, missingScopes })),
      });
    },
  };
}
