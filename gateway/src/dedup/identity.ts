/**
 * Who a shared answer may be given to. Subgraphs filter what they answer by the caller's partner, operator,
 * portal user, role and scopes; two calls whose principals agree on all of those get the same answer, so
 * they may share one. The key and the session are left out: two keys of one partner with the same scopes
 * read the same rows.
 */
import type { Principal } from '@meridian/kit';

const keys = new WeakMap<Principal, string>();

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
