/**
 * Usage events and their rollups. Intake is idempotent by event id: an event seen before is skipped, and
 * only new events are added to the hourly and daily rollups, all in one transaction.
 */
import { sql, type Kysely } from 'kysely';
import { ALL_SUBGRAPHS, rollUp, type Granularity, type UsageEvent } from '../usage/events';
import type { SqlDialect } from './shop.store';
import type { BillingDatabase } from './tables';

/** Rows per INSERT: each chunk travels as one JSON parameter, so only the statement's size bounds it. */
const EVENT_INSERT_CHUNK = 10_000;
const ROLLUP_INSERT_CHUNK = 10_000;

const EVENT_COLUMNS = [
  ['id', 'text'],
  ['occurred_at', 'text'],
  ['partner_id', 'text'],
  ['key_id', 'text'],
  ['operation', 'text'],
  ['subgraphs', 'text'],
  ['cost', 'integer'],
  ['duration_ms', 'double precision'],
  ['outcome', 'text'],
  ['bytes', 'integer'],
  ['subscription_messages', 'integer'],
] as const;

const ROLLUP_KEY = ['granularity', 'partner_id', 'bucket', 'key_id', 'subgraph', 'operation'] as const;
const ROLLUP_SUMS = [
  ['requests', 'bigint'],
  ['errors', 'integer'],
  ['cost', 'bigint'],
  ['duration_ms', 'double precision'],
  ['bytes', 'bigint'],
  ['subscription_messages', 'integer'],
] as const;
const ROLLUP_COLUMNS = [...ROLLUP_KEY.map((name) => [name, 'text'] as const), ...ROLLUP_SUMS];

/** `insert … select` of the rows in a JSON array of objects keyed by column, in either dialect. */
function fromJson(dialect: SqlDialect, json: string, columns: readonly (readonly [string, string])[]) {
  if (dialect === 'sqlite') {
    // `where true` keeps SQLite from reading a following ON CONFLICT as a join constraint.
    const values = sql.join(columns.map(([name]) => sql`value ->> ${sql.lit(name)}`));
    return sql`select ${values} from json_each(${json}) where true`;
  }
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  const types = sql.join(columns.map(([name, type]) => sql`${sql.ref(name)} ${sql.raw(type)}`));
  return sql`select ${names} from jsonb_to_recordset(${json}::jsonb) as rows(${types})`;
}

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

export function createUsageStore(db: Kysely<BillingDatabase>, dialect: SqlDialect) {
  /**
   * Inserts the events of a JSON array (objects keyed by column) that are not stored yet, resolving to the
   * ids it inserted. One parameter whatever the batch size: the database parses the JSON, which is several
   * times faster than binding eleven parameters per event.
   */
  const insertEvents = (json: string) => {
    const columns = sql.join(EVENT_COLUMNS.map(([name]) => sql.ref(name)));
    return sql<{ id: string }>`insert into usage_event (${columns}) ${fromJson(dialect, json, EVENT_COLUMNS)}
      on conflict (id) do nothing returning id`;
  };
  /** Adds rollup deltas (a JSON array) to the rows already there, creating the missing ones. */
  const addToRollups = (json: string) => {
    const columns = sql.join(ROLLUP_COLUMNS.map(([name]) => sql.ref(name)));
    const sums = sql.join(
      ROLLUP_SUMS.map(
        ([name]) => sql`${sql.ref(name)} = usage_rollup.${sql.ref(name)} + excluded.${sql.ref(name)}`,
      ),
    );
    return sql`insert into usage_rollup (${columns}) ${fromJson(dialect, json, ROLLUP_COLUMNS)}
      on conflict (${sql.join(ROLLUP_KEY.map((name) => sql.ref(name)))}) do update set ${sums}`;
  };
  return {
    async ingestUsage(events: readonly UsageEvent[]): Promise<IngestResult> {
      return db.transaction().execute(async (trx) => {
        const fresh = new Set<string>();
        for (let start = 0; start < events.length; start += EVENT_INSERT_CHUNK) {
          const rows = events.slice(start, start + EVENT_INSERT_CHUNK).map((event) => ({
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
          }));
          const { rows: inserted } = await insertEvents(JSON.stringify(rows)).execute(trx);
          for (const row of inserted) fresh.add(row.id);
        }
        // An id repeated inside the batch was inserted once; count it once.
        const newEvents = events.filter((event) => fresh.delete(event.id));
        const deltas = rollUp(newEvents);
        for (let start = 0; start < deltas.length; start += ROLLUP_INSERT_CHUNK) {
          const rows = deltas.slice(start, start + ROLLUP_INSERT_CHUNK).map((delta) => ({
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
          }));
          await addToRollups(JSON.stringify(rows)).execute(trx);
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
