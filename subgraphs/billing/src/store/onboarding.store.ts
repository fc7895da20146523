/**
 * Onboarding a partner and looking after its invitations. Onboarding writes the partner, every invitation
 * and their audit rows in one transaction: a failure leaves none of them, so a corrected form can be sent
 * again without making a second partner. Invitations are resent with a new token hash (the old link stops
 * working) and revoked with a time; neither touches an invitation already accepted.
 */
import type { Kysely, Selectable } from 'kysely';
import { invitationRow, type NewInvitation, type PartnerRecord } from './accounts.store';
import { recordAudit, type AuditActor } from './audit.store';
import type { BillingDatabase, InvitationTable } from './tables';

type InvitationRow = Selectable<InvitationTable>;

export interface PendingInvitationRecord {
  id: string;
  email: string;
  role: 'admin' | 'developer';
  partnerId: string | null;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Why an invitation could not be resent or revoked; the caller turns it into a coded error. */
export type InvitationChangeFailure = 'unknown' | 'accepted' | 'revoked';

const toPending = (row: InvitationRow): PendingInvitationRecord => ({
  id: row.id,
  email: row.email,
  role: row.role === 'admin' ? 'admin' : 'developer',
  partnerId: row.partner_id,
  invitedBy: row.invited_by,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
});

export function createOnboardingStore(db: Kysely<BillingDatabase>) {
  const changeable = async (id: string): Promise<InvitationRow | InvitationChangeFailure> => {
    const row = await db.selectFrom('invitation').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return 'unknown';
    if (row.accepted_at) return 'accepted';
    if (row.revoked_at) return 'revoked';
    return row;
  };
  return {
    /** Creates the partner with its invitations and audit rows, all or nothing. */
    async onboardPartner(input: {
      partner: PartnerRecord;
      invitations: readonly NewInvitation[];
      actor: AuditActor;
    }): Promise<void> {
      const { partner, invitations, actor } = input;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('partner')
          .values({
            id: partner.id,
            name: partner.name,
            customer_id: partner.customerId,
            plan_id: partner.planId,
            created_at: partner.createdAt.toISOString(),
          })
          .execute();
        await recordAudit(trx, {
          partnerId: partner.id,
          action: 'partner.onboarded',
          actor,
          detail: `on plan ${partner.planId}`,
          at: partner.createdAt,
        });
        for (const invitation of invitations) {
          await trx.insertInto('invitation').values(invitationRow(invitation)).execute();
          await recordAudit(trx, {
            partnerId: partner.id,
            action: 'invitation.sent',
            actor,
            subject: invitation.email,
            at: invitation.createdAt,
          });
        }
      });
    },
    /** A partner's invitations that are neither accepted nor revoked (expired ones too), newest first. */
    async pendingInvitations(partnerId: string): Promise<PendingInvitationRecord[]> {
      const rows = await db
        .selectFrom('invitation')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toPending);
    },
    invitationsByIds: async (ids: readonly string[]) =>
      (await db.selectFrom('invitation').selectAll().where('id', 'in', ids).execute()).map(toPending),
    /** Gives a pending invitation a new token and expiry: the old link stops working at once. */
    async reissueInvitation(
      id: string,
      change: { tokenHash: string; expiresAt: Date },
    ): Promise<PendingInvitationRecord | InvitationChangeFailure> {
      const row = await changeable(id);
      if (typeof row === 'string') return row;
      const updated = await db
        .updateTable('invitation')
        .set({ token_hash: change.tokenHash, expires_at: change.expiresAt.toISOString() })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return 'accepted';
      return toPending({ ...row, expires_at: change.expiresAt.toISOString() });
    },
    /** Withdraws a pending invitation: its link is refused from now on. */
    async revokeInvitation(id: string, at: Date): Promise<PendingInvitationRecord | InvitationChangeFailure> {
      const row = await changeable(id);
      if (typeof row === 'string') return row;
      const updated = await db
        .updateTable('invitation')
        .set({ revoked_at: at.toISOString() })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return 'accepted';
      return toPending(row);
    },
  };
}
