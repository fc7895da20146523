/** Password resets, requests for access, and the outbox of e-mails kept while no SMTP server is configured. */
import type { Kysely } from 'kysely';
import type { AccessRequestTable, BillingDatabase, OutboxMessageTable } from './tables';

export interface NewPasswordReset {
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Why a reset link could not be used; the caller turns it into a coded error. */
export type ResetFailure = 'unknown' | 'used' | 'expired';

export type AccessRequestStatus = 'pending' | 'approved' | 'declined';

export interface AccessRequestRecord {
  id: string;
  organisation: string;
  name: string;
  email: string;
  useCase: string;
  status: AccessRequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
  partnerId: string | null;
}

export interface OutboxMessageRecord {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
}

const toAccessRequest = (row: AccessRequestTable): AccessRequestRecord => ({
  id: row.id,
  organisation: row.organisation,
  name: row.name,
  email: row.email,
  useCase: row.use_case,
  status: row.status === 'approved' ? 'approved' : row.status === 'declined' ? 'declined' : 'pending',
  createdAt: new Date(row.created_at),
  decidedAt: row.decided_at ? new Date(row.decided_at) : null,
  partnerId: row.partner_id,
});

const toOutboxMessage = (row: OutboxMessageTable): OutboxMessageRecord => ({
  id: row.id,
  recipient: row.recipient,
  subject: row.subject,
  body: row.body,
  createdAt: new Date(row.created_at),
});

export function createRecoveryStore(db: Kysely<BillingDatabase>) {
  return {
    async createPasswordReset(reset: NewPasswordReset): Promise<void> {
      await db
        .insertInto('password_reset')
        .values({
          id: reset.id,
          token_hash: reset.tokenHash,
          user_id: reset.userId,
          created_at: reset.createdAt.toISOString(),
          expires_at: reset.expiresAt.toISOString(),
          used_at: null,
        })
        .execute();
    },
    /**
     * Uses a reset link: marks it (and every other open link of the user) used, sets the new password and
     * ends every session of the user, in one transaction, so a link works once even when two requests race.
     */
    async usePasswordReset(
      tokenHash: string,
      now: Date,
      passwordFor: (userId: string) => Promise<string>,
    ): Promise<{ userId: string } | ResetFailure> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('password_reset')
          .selectAll()
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst();
        if (!row) return 'unknown';
        if (row.used_at) return 'used';
        if (new Date(row.expires_at) <= now) return 'expired';
        const at = now.toISOString();
        const claimed = await trx
          .updateTable('password_reset')
          .set({ used_at: at })
          .where('user_id', '=', row.user_id)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 0n) return 'used';
        const passwordHash = await passwordFor(row.user_id);
        await trx
          .updateTable('portal_user')
          .set({ password_hash: passwordHash })
          .where('id', '=', row.user_id)
          .execute();
        await trx
          .updateTable('session')
          .set({ revoked_at: at })
          .where('user_id', '=', row.user_id)
          .where('revoked_at', 'is', null)
          .execute();
        return { userId: row.user_id };
      });
    },
    /** The user behind a reset link, without using it. */
    async passwordResetUser(
      tokenHash: string,
    ): Promise<{ userId: string; expiresAt: Date; usedAt: Date | null } | undefined> {
      const row = await db
        .selectFrom('password_reset')
        .select(['user_id', 'expires_at', 'used_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row
        ? {
            userId: row.user_id,
            expiresAt: new Date(row.expires_at),
            usedAt: row.used_at ? new Date(row.used_at) : null,
          }
        : undefined;
    },
    /** Ends the session a refresh token belongs to (signing out with the cookie alone). */
    async revokeSessionByRefresh(refreshHash: string, now: Date): Promise<void> {
      await db
        .updateTable('session')
        .set({ revoked_at: now.toISOString() })
        .where('refresh_hash', '=', refreshHash)
        .where('revoked_at', 'is', null)
        .execute();
    },
    invitationByHash: async (tokenHash: string) =>
      db.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

    async createAccessRequest(request: Omit<AccessRequestRecord, 'status' | 'decidedAt' | 'partnerId'>) {
      await db
        .insertInto('access_request')
        .values({
          id: request.id,
          organisation: request.organisation,
          name: request.name,
          email: request.email,
          use_case: request.useCase,
          status: 'pending',
          created_at: request.createdAt.toISOString(),
          decided_at: null,
          decided_by: null,
          partner_id: null,
        })
        .execute();
    },
    async listAccessRequests(status: AccessRequestStatus | null): Promise<AccessRequestRecord[]> {
      let query = db.selectFrom('access_request').selectAll().orderBy('created_at', 'desc');
      if (status) query = query.where('status', '=', status);
      return (await query.execute()).map(toAccessRequest);
    },
    accessRequestsByIds: async (ids: readonly string[]) =>
      (await db.selectFrom('access_request').selectAll().where('id', 'in', ids).execute()).map(
        toAccessRequest,
      ),
    /** Records the decision on a pending request; false when it was no longer pending. */
    async decideAccessRequest(
      id: string,
      decision: { status: 'approved' | 'declined'; at: Date; by: string | null; partnerId: string | null },
    ): Promise<boolean> {
      const result = await db
        .updateTable('access_request')
        .set({
          status: decision.status,
          decided_at: decision.at.toISOString(),
          decided_by: decision.by,
          partner_id: decision.partnerId,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Names the partner an approval created (once it exists: the column references it). */
    async linkAccessRequestPartner(id: string, partnerId: string): Promise<void> {
      await db.updateTable('access_request').set({ partner_id: partnerId }).where('id', '=', id).execute();
    },

    async appendOutbox(message: OutboxMessageRecord): Promise<void> {
      await db
        .insertInto('outbox_message')
        .values({
          id: message.id,
          recipient: message.recipient,
          subject: message.subject,
          body: message.body,
          created_at: message.createdAt.toISOString(),
        })
        .execute();
    },
    async listOutbox(limit: number): Promise<OutboxMessageRecord[]> {
      return (
        await db.selectFrom('outbox_message').selectAll().orderBy('created_at', 'desc').limit(limit).execute()
      ).map(toOutboxMessage);
    },
  };
}
