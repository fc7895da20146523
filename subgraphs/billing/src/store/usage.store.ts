/**
 * Usage events and their rollups. Intake is idempotent by event id: an event seen before is skipped, and
 * only new events are added to the hourly and daily rollups, all in one transaction.
 */
import type { UsageEvent } from '@meridian/contracts';
import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './shop.store';
import type { BillingDatabase } from './tables';
import { ALL_SUBGRAPHS, rollUp, type Granularity } from './usage-rollups';

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
  ['billed', 'bigint'],
  ['errors', 'integer'],
  ['cost', 'bigint'],
  ['duration_ms', 'double precision'],
  ['bytes', 'bigint'],
  ['subscription_messages', 'integer'],
] as const;
const REQUEST_LOG_COLUMNS = [
  ['event_id', 'text'],
  ['request_id', 'text'],
  ['occurred_at', 'text'],
  ['partner_id', 'text'],
  ['key_id', 'text'],
  ['operation', 'text'],
  ['status', 'integer'],
  ['error_code', 'text'],
  ['cost', 'integer'],
  ['duration_ms', 'double precision'],
  ['outcome', 'text'],
  ['billable', 'integer'],
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
  billed: number;
  errors: number;
  cost: number;
  durationMs: number;
  bytes: number;
  subscriptionMessages: number;
}

/** One request as the console's request log shows it. */
export interface RequestLogRecord {
  requestId: string;
  occurredAt: Date;
  keyId: string;
  operation: string;
  status: number | null;
  errorCode: string | null;
  cost: number;
  durationMs: number;
  outcome: string;
  billable: boolean;
}

export interface RequestLogFilter {
  partnerId: string;
  keyId?: string;
  requestId?: string;
  limit: number;
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
  const logRequests = (json: string) => {
    const columns = sql.join(REQUEST_LOG_COLUMNS.map(([name]) => sql.ref(name)));
    return sql`insert into request_log (${columns}) ${fromJson(dialect, json, REQUEST_LOG_COLUMNS)}
      on conflict (event_id) do nothing`;
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
        const requests = newEvents.filter((event) => event.requestId !== null);
        for (let start = 0; start < requests.length; start += EVENT_INSERT_CHUNK) {
          const rows = requests.slice(start, start + EVENT_INSERT_CHUNK).map((event) => ({
            event_id: event.id,
            request_id: event.requestId,
            occurred_at: event.occurredAt.toISOString(),
            partner_id: event.partnerId,
            key_id: event.keyId,
            operation: event.operation,
            status: event.status,
            error_code: event.errorCode,
            cost: event.cost,
            duration_ms: event.durationMs,
            outcome: event.outcome,
            billable: event.billable ? 1 : 0,
          }));
          await logRequests(JSON.stringify(rows)).execute(trx);
        }
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
            billed: delta.billed,
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
          sql<number>`sum(billed)`.as('billed'),
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
        billed: Number(row.billed),
        errors: Number(row.errors),
        cost: Number(row.cost),
        durationMs: Number(row.duration_ms),
        bytes: Number(row.bytes),
        subscriptionMessages: Number(row.subscription_messages),
      }));
    },

    /**
     * Operations a partner was charged for in `[from, to)`, counted from the daily rollups (what quotas and
     * invoices use): refused calls and the portal's own calls are not among them.
     */
    async requestsBetween(partnerId: string, from: Date, to: Date): Promise<number> {
      const row = await db
        .selectFrom('usage_rollup')
        .select(sql<number>`coalesce(sum(billed), 0)`.as('requests'))
        .where('granularity', '=', 'day')
        .where('partner_id', '=', partnerId)
        .where('subgraph', '=', ALL_SUBGRAPHS)
        .where('bucket', '>=', from.toISOString())
        .where('bucket', '<', to.toISOString())
        .executeTakeFirstOrThrow();
      return Number(row.requests);
    },

    /** A partner's most recent requests first, of one key or all, or the one with a request id. */
    async requestLog(filter: RequestLogFilter): Promise<RequestLogRecord[]> {
      let query = db.selectFrom('request_log').selectAll().where('partner_id', '=', filter.partnerId);
      if (filter.keyId !== undefined) query = query.where('key_id', '=', filter.keyId);
      if (filter.requestId !== undefined) query = query.where('request_id', '=', filter.requestId);
      const rows = await query.orderBy('occurred_at', 'desc').limit(filter.limit).execute();
      return rows.map((row) => ({
        requestId: row.request_id,
        occurredAt: new Date(row.occurred_at),
        keyId: row.key_id,
        operation: row.operation,
        status: row.status === null ? null : Number(row.status),
        errorCode: row.error_code,
        cost: Number(row.cost),
        durationMs: Number(row.duration_ms),
        outcome: row.outcome,
        billable: Number(row.billable) === 1,
      }));
    },

    /**
     * Drops request log entries older than `before`, and beyond the newest `maxPerKey` of each key; resolves
     * to how many went.
     */
    async pruneRequestLog(before: Date, maxPerKey: number): Promise<number> {
      const old = await db
        .deleteFrom('request_log')
        .where('occurred_at', '<', before.toISOString())
        .executeTakeFirst();
      const surplus = await db
        .deleteFrom('request_log')
        .where('event_id', 'in', (inner) =>
          inner
            .selectFrom(
              inner
                .selectFrom('request_log')
                .select([
                  'event_id',
                  sql<number>`row_number() over (partition by partner_id, key_id order by occurred_at desc)`.as(
                    'place',
                  ),
                ])
                .as('ranked'),
            )
            .select('ranked.event_id')
            .where('ranked.place', '>', maxPerKey),
        )
        .executeTakeFirst();
      return Number(old.numDeletedRows) + Number(surplus.numDeletedRows);
    },
  };
}
