/**
 * The authorization step of the edge pipeline: refuses any operation that selects a field the caller may not
 * see (UNAUTHENTICATED when it needs an identity the call lacks, FORBIDDEN when it needs a scope the caller
 * lacks, both naming every field refused), and introspection by callers without credentials where it is
 * closed, however the `__schema` or `__type` is hidden (fragments, aliases).
 */
import { authorizeOperation, describeRefusals, refusal, type AccessPolicies } from '@meridian/kit';
import { shapeOf, type EdgeStep } from '../pipeline';

export interface AuthorizationOptions {
  readonly policies: AccessPolicies;
  /** Whether callers without credentials may introspect the schema (development only, by default). */
  readonly anonymousIntrospection: boolean;
}

export function authorizationStep(options: AuthorizationOptions): EdgeStep {
  return {
    check(operation) {
      const { principal } = operation.context;
      const identified = Boolean(principal.keyId || principal.userId);
      if (!identified && !options.anonymousIntrospection && shapeOf(operation).introspects) {
        throw refusal('UNAUTHENTICATED', 'introspection needs an API key or a session');
      }
      const refusals = authorizeOperation(
        operation.schema,
        operation.document,
        operation.operation,
        options.policies,
        principal,
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
