/** Partners, plans, portal users, invitations and sessions. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  BillingDatabase,
  InvitationTable,
  PartnerTable,
  PlanTable,
  SessionTable,
  UserTable,
} from './tables';

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface PlanRecord {
  id: string;
  name: string;
  monthlyPriceCents: number;
  requestsPerMinute: number;
  costPointsPerMinute: number;
  monthlyQuota: number;
  concurrentSubscriptions: number;
  allowedScopes: string[];
  overageCentsPerThousand: number;
}

export interface PartnerRecord {
  id: string;
  name: string;
  customerId: string | null;
  planId: string;
  createdAt: Date;
  /** Set while the partner is suspended: its keys are refused. */
  suspendedAt: Date | null;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: 'admin' | 'developer';
  partnerId: string | null;
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  userId: string;
  /** When the user signed in; the same for every refresh token of the session. */
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/**
 * What exchanging a refresh token did: issued the next one, or found the token already exchanged once (so
 * copied) and ended its session, or found it unknown, revoked or expired.
 */
export type RefreshRotation =
  | { readonly status: 'rotated'; readonly session: SessionRecord }
  | { readonly status: 'reused'; readonly sessionId: string }
  | { readonly status: 'refused' };

export interface NewInvitation {
  id: string;
  tokenHash: string;
  email: string;
  role: 'admin' | 'developer';
  partnerId: string | null;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface InvitationRecord extends NewInvitation {
  acceptedAt: Date | null;
}

/** Why an invitation could not be accepted; the caller turns it into a coded error. */
export type AcceptFailure = 'unknown' | 'used' | 'revoked' | 'expired' | 'email-taken' | 'partner-suspended';

export const toPlan = (row: PlanTable): PlanRecord => ({
  id: row.id,
  name: row.name,
  monthlyPriceCents: row.monthly_price_cents,
  requestsPerMinute: row.requests_per_minute,
  costPointsPerMinute: row.cost_points_per_minute,
  monthlyQuota: row.monthly_quota,
  concurrentSubscriptions: row.concurrent_subscriptions,
  allowedScopes: JSON.parse(row.allowed_scopes) as string[],
  overageCentsPerThousand: row.overage_cents_per_thousand,
});

const toPartner = (row: Selectable<PartnerTable>): PartnerRecord => ({
  id: row.id,
  name: row.name,
  customerId: row.customer_id,
  planId: row.plan_id,
  createdAt: new Date(row.created_at),
  suspendedAt: row.suspended_at ? new Date(row.suspended_at) : null,
});

const toUser = (row: UserTable): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  role: row.role === 'admin' ? 'admin' : 'developer',
  partnerId: row.partner_id,
  createdAt: new Date(row.created_at),
});

const toSession = (row: SessionTable): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
});

export function createAccountsStore(db: Kysely<BillingDatabase>) {
  const partners = () => db.selectFrom('partner').selectAll();
  const plans = () => db.selectFrom('plan').selectAll();
  const users = () => db.selectFrom('portal_user').selectAll();
  return {
    partnersByIds: async (ids: readonly string[]) =>
      (await partners().where('id', 'in', ids).execute()).map(toPartner),
    partnersByCustomerIds: async (ids: readonly string[]) =>
      (await partners().where('customer_id', 'in', ids).orderBy('name').execute()).map(toPartner),
    listPartners: async () => (await partners().orderBy('name').execute()).map(toPartner),
    async createPartner(partner: PartnerRecord): Promise<void> {
      await db
        .insertInto('partner')
        .values({
          id: partner.id,
          name: partner.name,
          customer_id: partner.customerId,
          plan_id: partner.planId,
          created_at: partner.createdAt.toISOString(),
        })
        .execute();
    },
    /** Resolves to whether the partner exists. */
    async setPartnerPlan(partnerId: string, planId: string): Promise<boolean> {
      const result = await db
        .updateTable('partner')
        .set({ plan_id: planId })
        .where('id', '=', partnerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    /** Links a partner to a customer (or unlinks it, with null); resolves to whether the partner exists. */
    async setPartnerCustomer(partnerId: string, customerId: string | null): Promise<boolean> {
      const result = await db
        .updateTable('partner')
        .set({ customer_id: customerId })
        .where('id', '=', partnerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    /** Suspends (with a time) or reactivates (null) a partner; resolves to whether it exists. */
    async setPartnerSuspended(partnerId: string, at: Date | null): Promise<boolean> {
      const result = await db
        .updateTable('partner')
        .set({ suspended_at: at?.toISOString() ?? null })
        .where('id', '=', partnerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async createPlan(plan: PlanRecord): Promise<void> {
      await db
        .insertInto('plan')
        .values({
          id: plan.id,
          name: plan.name,
          monthly_price_cents: plan.monthlyPriceCents,
          requests_per_minute: plan.requestsPerMinute,
          cost_points_per_minute: plan.costPointsPerMinute,
          monthly_quota: plan.monthlyQuota,
          concurrent_subscriptions: plan.concurrentSubscriptions,
          allowed_scopes: JSON.stringify(plan.allowedScopes),
          overage_cents_per_thousand: plan.overageCentsPerThousand,
        })
        .execute();
    },
    async planByName(name: string): Promise<PlanRecord | undefined> {
      const row = await plans().where('name', '=', name).executeTakeFirst();
      return row && toPlan(row);
    },
    plansByIds: async (ids: readonly string[]) =>
      (await plans().where('id', 'in', ids).execute()).map(toPlan),
    listPlans: async () => (await plans().orderBy('monthly_price_cents').execute()).map(toPlan),

    usersByIds: async (ids: readonly string[]) =>
      (await users().where('id', 'in', ids).execute()).map(toUser),
    async userByEmail(email: string): Promise<UserRecord | undefined> {
      const row = await users().where('email', '=', email).executeTakeFirst();
      return row && toUser(row);
    },
    /** A partner's users, or with `null` every user, by email. */
    async listUsers(partnerId: string | null): Promise<UserRecord[]> {
      let query = users().orderBy('email');
      if (partnerId !== null) query = query.where('partner_id', '=', partnerId);
      return (await query.execute()).map(toUser);
    },
    async createUser(user: UserRecord): Promise<void> {
      await db.insertInto('portal_user').values(userRow(user)).execute();
    },

    async createInvitation(invitation: NewInvitation): Promise<void> {
      await db.insertInto('invitation').values(invitationRow(invitation)).execute();
    },
    /**
     * Marks the invitation used and creates its user, in one transaction: a link works once even when two
     * requests race for it, and a failure leaves neither row behind.
     */
    async acceptInvitation(
      tokenHash: string,
      now: Date,
      makeUser: (invitation: InvitationRecord) => UserRecord,
    ): Promise<UserRecord | AcceptFailure> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('invitation')
          .selectAll()
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst();
        if (!row) return 'unknown';
        if (row.accepted_at) return 'used';
        if (row.revoked_at) return 'revoked';
        if (new Date(row.expires_at) <= now) return 'expired';
        const taken = await trx
          .selectFrom('portal_user')
          .select('id')
          .where('email', '=', row.email)
          .executeTakeFirst();
        if (taken) return 'email-taken';
        // A suspended partner takes on no one; the link works again once it is reactivated.
        if (row.partner_id) {
          const partner = await trx
            .selectFrom('partner')
            .select('suspended_at')
            .where('id', '=', row.partner_id)
            .executeTakeFirst();
          if (partner?.suspended_at) return 'partner-suspended';
        }
        const claimed = await trx
          .updateTable('invitation')
          .set({ accepted_at: now.toISOString() })
          .where('id', '=', row.id)
          .where('accepted_at', 'is', null)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 0n) return 'used';
        const user = makeUser({
          id: row.id,
          tokenHash: row.token_hash,
          email: row.email,
          role: row.role === 'admin' ? 'admin' : 'developer',
          partnerId: row.partner_id,
          invitedBy: row.invited_by,
          createdAt: new Date(row.created_at),
          expiresAt: new Date(row.expires_at),
          acceptedAt: now,
        });
        await trx.insertInto('portal_user').values(userRow(user)).execute();
        return user;
      });
    },

    async createSession(session: SessionRecord & { refreshHash: string }): Promise<void> {
      await db
        .insertInto('session')
        .values({
          id: session.id,
          user_id: session.userId,
          refresh_hash: session.refreshHash,
          created_at: session.createdAt.toISOString(),
          expires_at: session.expiresAt.toISOString(),
          revoked_at: null,
        })
        .execute();
    },
    sessionsByIds: async (ids: readonly string[]) =>
      (await db.selectFrom('session').selectAll().where('id', 'in', ids).execute()).map(toSession),
    /**
     * Swaps a live refresh token for a new one (the old one stops working) and remembers the old one until
     * the session expires. A remembered token that comes back has been copied, and who sends it (the thief
     * or the owner) cannot be told, so its session is revoked: the newest refresh token and the session's
     * access tokens stop working too.
     */
    async rotateRefresh(refreshHash: string, nextHash: string, now: Date): Promise<RefreshRotation> {
      return db.transaction().execute(async (trx) => {
        const at = now.toISOString();
        // The update claims the token: of two requests racing with it, the second finds it used.
        const row = await trx
          .updateTable('session')
          .set({ refresh_hash: nextHash })
          .where('refresh_hash', '=', refreshHash)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', at)
          .returningAll()
          .executeTakeFirst();
        if (row) {
          await trx.deleteFrom('used_refresh_token').where('expires_at', '<=', at).execute();
          await trx
            .insertInto('used_refresh_token')
            .values({ refresh_hash: refreshHash, session_id: row.id, expires_at: row.expires_at })
            .execute();
          return { status: 'rotated', session: toSession(row) };
        }
        const used = await trx
          .selectFrom('used_refresh_token')
          .select('session_id')
          .where('refresh_hash', '=', refreshHash)
          .executeTakeFirst();
        if (!used) return { status: 'refused' };
        await trx
          .updateTable('session')
          .set({ revoked_at: at })
          .where('id', '=', used.session_id)
          .where('revoked_at', 'is', null)
          .execute();
        return { status: 'reused', sessionId: used.session_id };
      });
    },
    async revokeSession(id: string, now: Date): Promise<void> {
      await db
        .updateTable('session')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

/** A new invitation as its row: not accepted yet. */
export function invitationRow(invitation: NewInvitation): Insertable<InvitationTable> {
  return {
    id: invitation.id,
    token_hash: invitation.tokenHash,
    email: invitation.email,
    role: invitation.role,
    partner_id: invitation.partnerId,
    invited_by: invitation.invitedBy,
    created_at: invitation.createdAt.toISOString(),
    expires_at: invitation.expiresAt.toISOString(),
    accepted_at: null,
  };
}

function userRow(user: UserRecord): UserTable {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    password_hash: user.passwordHash,
    role: user.role,
    partner_id: user.partnerId,
    created_at: user.createdAt.toISOString(),
  };
}
