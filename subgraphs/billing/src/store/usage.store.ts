/**
 * Usage events and their rollups. Intake is idempotent by event id: an event seen before is skipped, and
 * only new events are added to the hourly and daily rollups, all in one transaction.
 */
import { sql, type Kysely } from 'kysely';
import { ALL_SUBGRAPHS, rollUp, type Granularity, type UsageEvent } from '../usage/events';
import type { BillingDatabase } from './tables';

/** Rows per INSERT: stays under SQLite's and PostgreSQL's bound-parameter limits with room to spare. */
const EVENT_INSERT_CHUNK = 1_000;
const ROLLUP_INSERT_CHUNK = 1_000;

export type UsageGrouping = 'total' | 'key' | 'subgraph' | 'operation';

export interface UsagePointRecord {
  bucket: Date;
  /** The key id, subgraph or operation of the series; `*` for totals. */
  group: string;
  requests: number;
  errors: number;
  cost: number;
  durationMs: number;
  bytes: number;
  subscriptionMessages: number;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

const groupColumn = { total: null, key: 'key_id', subgraph: 'subgraph', operation: 'operation' } as const;

export function createUsageStore(db: Kysely<BillingDatabase>) {
  return {
    async ingestUsage(events: readonly UsageEvent[]): Promise<IngestResult> {
      return db.transaction().execute(async (trx) => {
        const fresh = new Set<string>();
        for (let start = 0; start < events.length; start += EVENT_INSERT_CHUNK) {
          const chunk = events.slice(start, start + EVENT_INSERT_CHUNK);
          const inserted = await trx
            .insertInto('usage_event')
            .values(
              chunk.map((event) => ({
                id: event.id,
                occurred_at: event.occurredAt.toISOString(),
                partner_id: event.partnerId,
                key_id: event.keyId,
                operation: event.operation,
                subgraphs: JSON.stringify(event.subgraphs),
                cost: event.cost,
                duration_ms: event.durationMs,
                outcome: event.outcome,
                bytes: event.bytes,
                subscription_messages: event.subscriptionMessages,
              })),
            )
            .onConflict((oc) => oc.column('id').doNothing())
            .returning('id')
            .execute();
          for (const row of inserted) fresh.add(row.id);
        }
        // An id repeated inside the batch was inserted once; count it once.
        const newEvents = events.filter((event) => fresh.delete(event.id));
        const deltas = rollUp(newEvents);
        for (let start = 0; start < deltas.length; start += ROLLUP_INSERT_CHUNK) {
          await trx
            .insertInto('usage_rollup')
            .values(
              deltas.slice(start, start + ROLLUP_INSERT_CHUNK).map((delta) => ({
                granularity: delta.granularity,
                bucket: delta.bucket,
                partner_id: delta.partnerId,
                key_id: delta.keyId,
                subgraph: delta.subgraph,
                operation: delta.operation,
                requests: delta.requests,
                errors: delta.errors,
                cost: delta.cost,
                duration_ms: delta.durationMs,
                bytes: delta.bytes,
                subscription_messages: delta.subscriptionMessages,
              })),
            )
            .onConflict((oc) =>
              oc
                .columns(['granularity', 'partner_id', 'bucket', 'key_id', 'subgraph', 'operation'])
                .doUpdateSet((eb) => ({
                  requests: eb('usage_rollup.requests', '+', eb.ref('excluded.requests')),
                  errors: eb('usage_rollup.errors', '+', eb.ref('excluded.errors')),
                  cost: eb('usage_rollup.cost', '+', eb.ref('excluded.cost')),
                  duration_ms: eb('usage_rollup.duration_ms', '+', eb.ref('excluded.duration_ms')),
                  bytes: eb('usage_rollup.bytes', '+', eb.ref('excluded.bytes')),
                  subscription_messages: eb(
                    'usage_rollup.subscription_messages',
                    '+',
                    eb.ref('excluded.subscription_messages'),
                  ),
                })),
            )
            .execute();
        }
        return { accepted: newEvents.length, duplicates: events.length - newEvents.length };
      });
    },

    /** One series per group, points in time order, over `[from, to)`. */
    async usageSeries(
      partnerId: string,
      granularity: Granularity,
      from: Date,
      to: Date,
      grouping: UsageGrouping,
    ): Promise<UsagePointRecord[]> {
      const column = groupColumn[grouping];
      const group = column ? sql.ref<string>(column) : sql.lit(ALL_SUBGRAPHS);
      let query = db
        .selectFrom('usage_rollup')
        .select([
          'bucket',
          group.as('grp'),
          sql<number>`sum(requests)`.as('requests'),
          sql<number>`sum(errors)`.as('errors'),
          sql<number>`sum(cost)`.as('cost'),
          sql<number>`sum(duration_ms)`.as('duration_ms'),
          sql<number>`sum(bytes)`.as('bytes'),
          sql<number>`sum(subscription_messages)`.as('subscription_messages'),
        ])
        .where('granularity', '=', granularity)
        .where('partner_id', '=', partnerId)
        .where('bucket', '>=', from.toISOString())
        .where('bucket', '<', to.toISOString());
      query =
        grouping === 'subgraph'
          ? query.where('subgraph', '<>', ALL_SUBGRAPHS)
          : query.where('subgraph', '=', ALL_SUBGRAPHS);
      const rows = await query.groupBy(['bucket', 'grp']).orderBy('grp').orderBy('bucket').execute();
      return rows.map((row) => ({
        bucket: new Date(row.bucket),
        group: String(row.grp),
        requests: Number(row.requests),
        errors: Number(row.errors),
        cost: Number(row.cost),
        durationMs: Number(row.duration_ms),
        bytes: Number(row.bytes),
        subscriptionMessages: Number(row.subscription_messages),
      }));
    },

    /** Operations a partner made in `[from, to)`, counted from the daily rollups (what quotas and invoices use). */
    async requestsBetween(partnerId: string, from: Date, to: Date): Promise<number> {
      const row = await db
        .selectFrom('usage_rollup')
        .select(sql<number>`coalesce(sum(requests), 0)`.as('requests'))
        .where('granularity', '=', 'day')
        .where('partner_id', '=', partnerId)
        .where('subgraph', '=', ALL_SUBGRAPHS)
        .where('bucket', '>=', from.toISOString())
        .where('bucket', '<', to.toISOString())
        .executeTakeFirstOrThrow();
      return Number(row.requests);
    },
  };
}

export type UsageStore = ReturnType<typeof createUsageStore>;
