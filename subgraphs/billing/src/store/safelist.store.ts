/** Partners' safelists: the operations each partner registered, by the SHA-256 of their exact text. */
import type { Kysely } from 'kysely';
import type { BillingDatabase, SafelistOperationTable } from './tables';

export interface SafelistedOperationRecord {
  partnerId: string;
  /** SHA-256 (hex) of `text`. */
  id: string;
  text: string;
  name: string | null;
  createdAt: Date;
}

const toOperation = (row: SafelistOperationTable): SafelistedOperationRecord => ({
  partnerId: row.partner_id,
  id: row.id,
  text: row.text,
  name: row.name,
  createdAt: new Date(row.created_at),
});

export function createSafelistStore(db: Kysely<BillingDatabase>) {
  const operations = () => db.selectFrom('safelist_operation').selectAll();
  return {
    /** A partner's safelist, oldest first. */
    safelist: async (partnerId: string) =>
      (
        await operations().where('partner_id', '=', partnerId).orderBy('created_at').orderBy('id').execute()
      ).map(toOperation),
    /**
     * Distinct operations over every partner's list (one row per text, shared texts once), the most recently
     * registered first, at most `limit` of them.
     */
    recentSafelistedOperations: async (limit: number) =>
      (
        await db
          .selectFrom('safelist_operation')
          .select(['id', 'text'])
          .select((eb) => eb.fn.max('created_at').as('latest'))
          .groupBy(['id', 'text'])
          .orderBy('latest', 'desc')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map((row) => ({ id: row.id, text: row.text })),
    /**
     * Adds operations in one transaction; one already on the list (same text, so same id) is left as it
     * was. Resolves to the stored rows of every operation given, in the order given.
     */
    async addToSafelist(
      partnerId: string,
      additions: readonly Omit<SafelistedOperationRecord, 'partnerId'>[],
    ): Promise<SafelistedOperationRecord[]> {
      if (additions.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('safelist_operation')
          .values(
            additions.map((operation) => ({
              partner_id: partnerId,
              id: operation.id,
              text: operation.text,
              name: operation.name,
              created_at: operation.createdAt.toISOString(),
            })),
          )
          .onConflict((conflict) => conflict.columns(['partner_id', 'id']).doNothing())
          .execute();
        const rows = await trx
          .selectFrom('safelist_operation')
          .selectAll()
          .where('partner_id', '=', partnerId)
          .where(
            'id',
            'in',
            additions.map((operation) => operation.id),
          )
          .execute();
        const byId = new Map(rows.map((row) => [row.id, toOperation(row)]));
        return additions.map((operation) => byId.get(operation.id)!);
      });
    },
    /** Removes one operation; resolves to whether it was there. */
    async removeFromSafelist(partnerId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('safelist_operation')
        .where('partner_id', '=', partnerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    safelistSize: async (partnerId: string) =>
      Number(
        (
          await db
            .selectFrom('safelist_operation')
            .select((eb) => eb.fn.countAll().as('count'))
            .where('partner_id', '=', partnerId)
            .executeTakeFirstOrThrow()
        ).count,
      ),
  };
}
