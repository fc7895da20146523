/**
 * Writing the audit log from the services: who the caller is, as the log names them (a portal user by
 * e-mail, an API key by name), and the event stamped with the service's clock. The log is written after
 * the change it records succeeded; onboarding, which must be all or nothing, writes its rows in its own
 * transaction instead (`store/onboarding.store.ts`).
 */
import type { AuditActor, BillingStore, NewAuditEvent } from '../store';
import type { Principal } from './principal';

/** Who acted, as the audit log shows them. */
export async function actorOf(store: BillingStore, principal: Principal | null): Promise<AuditActor> {
  if (principal?.userId) {
    const [user] = await store.usersByIds([principal.userId]);
    return { id: principal.userId, label: user?.email ?? principal.userId };
  }
  if (principal?.keyId) {
    const [key] = await store.keysByIds([principal.keyId]);
    return { id: principal.keyId, label: key ? `API key "${key.name}"` : principal.keyId };
  }
  return { id: null, label: principal?.role === 'admin' ? 'Meridian (service)' : 'unknown caller' };
}

/** Records what `principal` just did, now. */
export async function audit(
  deps: { readonly store: BillingStore; readonly now: () => Date },
  principal: Principal | null,
  event: Omit<NewAuditEvent, 'actor' | 'at'>,
): Promise<void> {
  await deps.store.recordAudit({ ...event, actor: await actorOf(deps.store, principal), at: deps.now() });
}
