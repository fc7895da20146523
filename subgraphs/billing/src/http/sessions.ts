/**
 * What the gateway learns of a portal session: the user, their partner and role, and the scopes the session
 * reads with. Admins read everything; a partner's developers read what their plan allows, the same scopes
 * their keys may carry.
 */
import type { PlanLimits } from '@meridian/kit';
import { authenticateAccessToken } from '../auth/accounts';
import { knownScopes } from '../auth/scopes';
import type { BillingServices } from '../context';
import { planLimits } from './plan-limits';

export interface SessionGrant {
  readonly userId: string;
  readonly sessionId: string;
  readonly partnerId: string | null;
  readonly role: 'admin' | 'developer';
  readonly scopes: readonly string[];
  readonly plan: PlanLimits | null;
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
  return {
    userId: principal.userId,
    sessionId: principal.sessionId,
    partnerId: principal.partnerId,
    role: principal.role,
    scopes: principal.role === 'admin' ? [...knownScopes] : (plan?.allowedScopes ?? []),
    plan: plan ? planLimits(plan) : null,
  };
}
