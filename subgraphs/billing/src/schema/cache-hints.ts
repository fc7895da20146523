/**
 * How long the billing subgraph's answers may be cached. What a caller sees here depends on who it is (its
 * partner's keys, people, usage and invoices; drafts and dashboards for admins only), so every hint but the
 * plans on offer is private, and short. Credentials, sessions and people are never cached (`NeverCached` on
 * their types), nor is any mutation's answer.
 */
import type { CacheLifetime } from '@meridian/kit';

/** The plans on offer: the same list for every caller. */
export const PLAN_CATALOG: CacheLifetime = { maxAge: 60, scope: 'PUBLIC' };
/** Customers, and partners as the caller may see them. */
export const ACCOUNTS: CacheLifetime = { maxAge: 30, scope: 'PRIVATE' };
/** Invoices and their lines. */
export const INVOICES: CacheLifetime = { maxAge: 30, scope: 'PRIVATE' };
/** Usage series and the quota: they grow with every request the caller makes. */
export const USAGE: CacheLifetime = { maxAge: 10, scope: 'PRIVATE' };
/** The business dashboards, which only admins may open; the shop data changes only by import. */
export const DASHBOARDS: CacheLifetime = { maxAge: 60, scope: 'PRIVATE' };
