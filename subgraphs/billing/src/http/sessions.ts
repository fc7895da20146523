/**
 * What the gateway learns of a portal session: the user, their partner (and the customer it is linked to),
 * their role, and the scopes the session reads with. Admins read everything; a partner's developers read
 * what their plan allows, the same scopes their keys may carry, and while their partner is suspended only
 * billing (keys, usage, invoices), so every door of the gateway refuses them the rest by its usual scope
 * rules.
 */
import type { PlanLimits } from '@meridian/kit';
import { authenticateAccessToken } from '../auth/accounts';
import { knownScopes, managementScopes } from '../auth/scopes';
import { SUSPENDED_SESSION_SCOPES } from '../auth/suspension';
import type { BillingServices } from '../context';
import { planLimits } from './plan-limits';

export interface SessionGrant {
  readonly userId: string;
  readonly sessionId: string;
  readonly partnerId: string | null;
  /** The customer the user's partner is linked to, whose own data the session reaches; null when none. */
  readonly customerId: string | null;
  readonly role: 'admin' | 'developer';
  readonly scopes: readonly string[];
  readonly plan: PlanLimits | null;
  /** Whether the developer's partner is suspended (their scopes are then billing reads at most). */
  readonly partnerSuspended: boolean;
}

export async function sessionGrant(
  services: BillingServices,
  token: string,
): Promise<SessionGrant | undefined> {
  const principal = await authenticateAccessToken(
    { store: services.store, sessionSecret: services.config.sessionSecret, now: services.now },
    token,
  );
  if (!principal?.userId || !principal.sessionId) return undefined;
  const [partner] = principal.partnerId ? await services.store.partnersByIds([principal.partnerId]) : [];
  const [plan] = partner ? await services.store.plansByIds([partner.planId]) : [];
  const partnerSuspended = principal.role !== 'admin' && Boolean(partner?.suspendedAt);
  return {
    userId: principal.userId,
    sessionId: principal.sessionId,
    partnerId: principal.partnerId,
    customerId: partner?.customerId ?? null,
    role: principal.role,
    scopes: sessionScopes(principal.role, plan?.allowedScopes ?? [], partnerSuspended),
    plan: plan ? planLimits(plan) : null,
    partnerSuspended,
  };
}

/**
 * A session reads what its plan sells and manages its partner's account by role; while the partner is
 * suspended it reads billing at most (never more than the plan gave) and may still revoke keys.
 */
function sessionScopes(
  role: SessionGrant['role'],
  planScopes: readonly string[],
  partnerSuspended: boolean,
): string[] {
  if (role === 'admin') return [...knownScopes, ...managementScopes];
  if (!partnerSuspended) return [...planScopes, ...managementScopes];
  const reads = planScopes.filter((scope) => (SUSPENDED_SESSION_SCOPES as readonly string[]).includes(scope));
  return [...reads, 'keys:manage'];
}
