/**
 * Which scopes an API key may be given, at creation and when they are changed: the plan's rules and the
 * caller's own reach.
 */
import { codedError } from '@meridian/schema';
import type { BillingStore } from '../store';
import type { Principal } from './principal';
import { managementScopes } from './scopes';

/**
 * The scopes a key of a partner on `planId` may be given by `caller`: chosen from the plan's (and the
 * management scopes), at least one, and never one the caller lacks itself (a key never makes or widens a key
 * beyond what it may do; a developer's session holds the plan's scopes). Sorted and without repeats.
 */
export async function allowedKeyScopes(
  store: Pick<BillingStore, 'plansByIds'>,
  caller: Principal,
  planId: string,
  requested: readonly string[],
): Promise<string[]> {
  const [plan] = await store.plansByIds([planId]);
  const scopes = [...new Set(requested)].sort();
  const offered = [...(plan?.allowedScopes ?? []), ...managementScopes];
  const refused = scopes.filter((scope) => !offered.includes(scope));
  if (scopes.length === 0 || refused.length > 0) {
    throw codedError(
      'BAD_USER_INPUT',
      `scopes must be chosen from the plan's ${offered.join(', ')}; not allowed: ${refused.join(', ') || '(none given)'}`,
      { argument: 'scopes', reason: scopes.length === 0 ? 'empty' : 'beyond-plan', refusedScopes: refused },
    );
  }
  // A session's scopes are its plan's, signed by the gateway; a call straight to billing in development
  // carries none, and is held to the plan alone.
  const held = caller.keyId || caller.scopes.length > 0 ? caller.scopes : offered;
  const beyond =
    caller.role === 'admin' && !caller.keyId ? [] : scopes.filter((scope) => !held.includes(scope));
  if (beyond.length > 0) {
    throw codedError(
      'FORBIDDEN',
      `you can give a key only scopes you hold yourself; you lack ${beyond.join(', ')}`,
      { argument: 'scopes', reason: 'beyond-own-scopes', missingScopes: [beyond] },
    );
  }
  return scopes;
}
