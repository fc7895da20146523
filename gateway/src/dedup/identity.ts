/**
 * Who a shared answer may be given to, and the variables it was asked with. Subgraphs filter what they answer by the caller's partner, operator,
 * portal user, role and scopes; two calls whose principals agree on all of those get the same answer, so
 * they may share one. The key and the session are left out: two keys of one partner with the same scopes
 * read the same rows.
 */
import type { Principal } from '@meridian/kit/principal';

const keys = new WeakMap<Principal, string>();

/**
 * Variables as they go into a key: their JSON; undefined when they nest too deep for that (a hostile request),
 * which then runs on its own and meets its usual refusal.
 */
export function variablesKey(variables: Record<string, unknown> | undefined): string | undefined {
  try {
    return JSON.stringify(variables ?? {});
  } catch {
    return undefined;
  }
}

export function identityKey(principal: Principal): string {
  let key = keys.get(principal);
  if (key === undefined) {
    key = JSON.stringify([
      principal.partnerId ?? null,
      principal.customerId ?? null,
      principal.userId ?? null,
      principal.role ?? null,
      [...principal.scopes].sort(),
    ]);
    keys.set(principal, key);
  }
  return key;
}
