/** API keys: stored by SHA-256 only, listed without their secret, resolved by hash for the gateway. */
import { sql, type Kysely } from 'kysely';
import { toPlan, type PlanRecord } from './accounts.store';
import type { SqlDialect } from './shop.store';
import type { ApiKeyTable, BillingDatabase } from './tables';

export interface ApiKeyRecord {
  id: string;
  partnerId: string;
  name: string;
  environment: 'live' | 'test';
  prefix: string;
  lastFour: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  /** Whether the key may run only operations on its partner's safelist. */
  safelistOnly: boolean;
  /** Until when the secret before the last roll is still accepted; null when never rolled. */
  previousSecretValidUntil: Date | null;
}

export interface NewApiKey extends Omit<
  ApiKeyRecord,
  'revokedAt' | 'lastUsedAt' | 'previousSecretValidUntil'
> {
  hash: string;
}

/** What the gateway needs to admit a request made with a key. */
export interface KeyGrant {
  key: ApiKeyRecord;
  /** The stored hash that matched: the current secret, or the previous one during a roll's grace period. */
  matchedHash: string;
  /** Whether the hash was the previous secret's (a roll's grace period) rather than the current one's. */
  matchedPrevious: boolean;
  /** Until when the previous secret is accepted; null when the key was never rolled. */
  previousValidUntil: Date | null;
  partnerName: string;
  /** The customer the key's partner is linked to, whose own data the key reaches; null when none. */
  partnerCustomerId: string | null;
  /** When the key's partner was suspended; null while it is active. */
  partnerSuspendedAt: Date | null;
  plan: PlanRecord;
}

const toKey = (row: ApiKeyTable): ApiKeyRecord => ({
  id: row.id,
  partnerId: row.partner_id,
  name: row.name,
  environment: row.environment === 'test' ? 'test' : 'live',
  prefix: row.prefix,
  lastFour: row.last_four,
  scopes: JSON.parse(row.scopes) as string[],
  createdAt: new Date(row.created_at),
  expiresAt: row.expires_at ? new Date(row.expires_at) : null,
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  safelistOnly: Number(row.safelist_only) === 1,
  previousSecretValidUntil: row.previous_valid_until ? new Date(row.previous_valid_until) : null,
});

export function createKeysStore(db: Kysely<BillingDatabase>, dialect: SqlDialect) {
  const keys = () => db.selectFrom('api_key').selectAll();
  return {
    async createKey(key: NewApiKey): Promise<void> {
      await db
        .insertInto('api_key')
        .values({
          id: key.id,
          partner_id: key.partnerId,
          name: key.name,
          environment: key.environment,
          prefix: key.prefix,
          last_four: key.lastFour,
          hash: key.hash,
          previous_hash: null,
          previous_valid_until: null,
          scopes: JSON.stringify(key.scopes),
          created_at: key.createdAt.toISOString(),
          expires_at: key.expiresAt?.toISOString() ?? null,
          revoked_at: null,
          last_used_at: null,
          safelist_only: key.safelistOnly ? 1 : 0,
        })
        .execute();
    },
    async setKeySafelistOnly(id: string, safelistOnly: boolean): Promise<void> {
      await db
        .updateTable('api_key')
        .set({ safelist_only: safelistOnly ? 1 : 0 })
        .where('id', '=', id)
        .execute();
    },
    async setKeyScopes(id: string, scopes: readonly string[]): Promise<void> {
      await db
        .updateTable('api_key')
        .set({ scopes: JSON.stringify(scopes) })
        .where('id', '=', id)
        .execute();
    },
    keysByIds: async (ids: readonly string[]) => (await keys().where('id', 'in', ids).execute()).map(toKey),
    keysByPartner: async (partnerId: string) =>
      (await keys().where('partner_id', '=', partnerId).orderBy('created_at', 'desc').execute()).map(toKey),
    /** Gives the key a new secret; the old one stays valid until `graceUntil`. */
    async rollKey(
      id: string,
      next: { hash: string; prefix: string; lastFour: string },
      graceUntil: Date,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('api_key')
          .select('hash')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('api_key')
          .set({
            hash: next.hash,
            prefix: next.prefix,
            last_four: next.lastFour,
            previous_hash: row.hash,
            previous_valid_until: graceUntil.toISOString(),
          })
          .where('id', '=', id)
          .execute();
      });
    },
    async revokeKey(id: string, now: Date): Promise<void> {
      await db
        .updateTable('api_key')
        .set({ revoked_at: now.toISOString(), previous_hash: null, previous_valid_until: null })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    /** The key whose current or previous secret has this hash, with its partner's plan as of now. */
    async grantByHash(hash: string): Promise<KeyGrant | undefined> {
      const row = await db
        .selectFrom('api_key')
        .innerJoin('partner', 'partner.id', 'api_key.partner_id')
        .innerJoin('plan', 'plan.id', 'partner.plan_id')
        .selectAll('api_key')
        .select([
          'partner.name as partner_name',
          'partner.customer_id as partner_customer_id',
          'partner.suspended_at as partner_suspended_at',
          'plan.id as plan_id',
          'plan.name as plan_name',
          'plan.monthly_price_cents',
          'plan.requests_per_minute',
          'plan.cost_points_per_minute',
          'plan.monthly_quota',
          'plan.concurrent_subscriptions',
          'plan.allowed_scopes',
          'plan.overage_cents_per_thousand',
        ])
        .where((eb) => eb.or([eb('api_key.hash', '=', hash), eb('api_key.previous_hash', '=', hash)]))
        .executeTakeFirst();
      if (!row) return undefined;
      const matchedPrevious = row.hash !== hash;
      const matchedHash = matchedPrevious ? (row.previous_hash ?? '') : row.hash;
      return {
        key: toKey(row),
        matchedHash,
        matchedPrevious,
        previousValidUntil: row.previous_valid_until ? new Date(row.previous_valid_until) : null,
        partnerName: row.partner_name,
        partnerCustomerId: row.partner_customer_id,
        partnerSuspendedAt: row.partner_suspended_at ? new Date(row.partner_suspended_at) : null,
        plan: toPlan({ ...row, id: row.plan_id, name: row.plan_name }),
      };
    },
    /** Writes the latest use of many keys in one statement (see LastUsedRecorder); never moves one back. */
    async touchKeys(lastUsed: ReadonlyMap<string, Date>): Promise<void> {
      if (lastUsed.size === 0) return;
      const json = JSON.stringify([...lastUsed].map(([id, at]) => ({ id, at: at.toISOString() })));
      const uses =
        dialect === 'sqlite'
          ? sql`(select value ->> 'id' as id, value ->> 'at' as at from json_each(${json}))`
          : sql`jsonb_to_recordset(${json}::jsonb)`;
      await sql`update api_key set last_used_at = uses.at from ${uses} as uses${
        dialect === 'sqlite' ? sql`` : sql`(id text, at text)`
      }
        where api_key.id = uses.id and (api_key.last_used_at is null or api_key.last_used_at < uses.at)`.execute(
        db,
      );
    },
  };
}
