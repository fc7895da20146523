/**
 * The audit log: who did what to a partner, and why when a reason was asked for. Rows are only added, never
 * changed, so the log reads the same later as when it was written. `recordAudit` takes a database or a
 * transaction, so a change and its audit row commit together.
 */
import { newId } from '@meridian/kit';
import type { Kysely } from 'kysely';
import type { AuditEventTable, BillingDatabase } from './tables';

/** Everything the log records, as `<thing>.<verb>`. */
type AuditAction =
  | 'partner.onboarded'
  | 'partner.created'
  | 'partner.plan-changed'
  | 'partner.suspended'
  | 'partner.reactivated'
  | 'invitation.sent'
  | 'invitation.resent'
  | 'invitation.revoked'
  | 'access-request.approved'
  | 'access-request.declined'
  | 'key.created'
  | 'key.rolled'
  | 'key.revoked'
  | 'key.scopes-changed'
  | 'key.safelist-only-changed'
  | 'invoice.issued'
  | 'invoice.payment-recorded'
  | 'billing-profile.changed';

/** The actions that change a partner's status; its status history is these, oldest first. */
const STATUS_ACTIONS: readonly AuditAction[] = [
  'partner.onboarded',
  'partner.created',
  'partner.suspended',
  'partner.reactivated',
];

/** Who acted: a portal user or an API key (`id`), as the log shows them (`label`); id null for billing itself. */
export interface AuditActor {
  readonly id: string | null;
  readonly label: string;
}

export interface NewAuditEvent {
  readonly partnerId: string | null;
  readonly action: AuditAction;
  readonly actor: AuditActor;
  readonly subject?: string | null;
  readonly detail?: string | null;
  readonly reason?: string | null;
  readonly at: Date;
}

export interface AuditEventRecord {
  id: string;
  partnerId: string | null;
  action: AuditAction;
  actorId: string | null;
  actor: string;
  subject: string | null;
  detail: string | null;
  reason: string | null;
  createdAt: Date;
}

const toAuditEvent = (row: AuditEventTable): AuditEventRecord => ({
  id: row.id,
  partnerId: row.partner_id,
  action: row.action as AuditAction,
  actorId: row.actor_id,
  actor: row.actor,
  subject: row.subject,
  detail: row.detail,
  reason: row.reason,
  createdAt: new Date(row.created_at),
});

/** Appends one event; pass the transaction of the change it records so both commit or neither. */
export async function recordAudit(db: Kysely<BillingDatabase>, event: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: newId('aud'),
      partner_id: event.partnerId,
      action: event.action,
      actor_id: event.actor.id,
      actor: event.actor.label,
      subject: event.subject ?? null,
      detail: event.detail ?? null,
      reason: event.reason ?? null,
      created_at: event.at.toISOString(),
    })
    .execute();
}

export function createAuditStore(db: Kysely<BillingDatabase>) {
  return {
    recordAudit: (event: NewAuditEvent) => recordAudit(db, event),
    /** A partner's latest events, newest first. */
    async auditLog(partnerId: string, limit: number): Promise<AuditEventRecord[]> {
      const rows = await db
        .selectFrom('audit_event')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toAuditEvent);
    },
    /** The events that changed a partner's status (created, suspended, reactivated), oldest first. */
    async statusHistory(partnerId: string): Promise<AuditEventRecord[]> {
      const rows = await db
        .selectFrom('audit_event')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .where('action', 'in', STATUS_ACTIONS)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toAuditEvent);
    },
  };
}
