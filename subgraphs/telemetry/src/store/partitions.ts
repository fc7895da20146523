/**
 * Time partitions of raw readings on PostgreSQL. `reading_chunk` is partitioned by range on `first_time`
 * (one partition per `widthMs`, aligned to the epoch: UTC days by default) with a DEFAULT partition that
 * takes any chunk whose time has no partition yet, so no reading is ever refused for its time. Each replica
 * runs `maintainRawPartitions` at start and on a timer: it creates the partitions ahead, moves chunks that
 * landed in the DEFAULT partition into partitions of their own, and drops partitions older than the
 * retention, while rollups stay. Replicas run it concurrently without harm: the run holds the table's
 * SHARE ROW EXCLUSIVE lock (which only one run at a time can hold, and which holds writers back while rows
 * move) and reads which partitions exist only once it holds it. SQLite keeps one table and has no part in this.
 */
import { sql, type Kysely } from 'kysely';
import { PARTITION_LOCK_TIMEOUT_MS, RAW_PARTITIONS_AHEAD_MS } from '../config';
import type { TelemetryDatabase } from './tables';

export interface PartitionSettings {
  /** Width of one partition, ms; partitions start at multiples of it since the epoch. */
  readonly widthMs: number;
  /** Age after which whole partitions are dropped; undefined keeps raw readings for good. */
  readonly retentionMs: number | undefined;
}

/** A partition of raw readings holding chunks whose `first_time` is in `[from, to)`. */
export interface RawPartition {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface MaintenanceReport {
  readonly created: readonly RawPartition[];
  readonly dropped: readonly RawPartition[];
  /** Chunks moved from the DEFAULT partition into partitions created for them. */
  readonly moved: number;
  /** Chunks deleted from the DEFAULT partition because they were older than the retention. */
  readonly expired: number;
}

export const NOTHING_MAINTAINED: MaintenanceReport = { created: [], dropped: [], moved: 0, expired: 0 };

const DEFAULT_PARTITION = 'reading_chunk_default';

/** `20260110`, or `20260110_1300` for a partition that does not start at midnight UTC. */
function stamp(time: number): string {
  const date = new Date(time);
  // Beyond what a Date holds (±275,760 years): the number itself, which names it uniquely.
  if (Number.isNaN(date.getTime())) return `t${String(time).replace('-', 'm').replace('+', '')}`;
  const iso = date.toISOString().replace(/[^0-9T]/g, '');
  const [day, clock] = iso.split('T') as [string, string];
  return clock.startsWith('0000') ? day : `${day}_${clock.slice(0, 4)}`;
}

export const partitionName = (from: number) => `reading_chunk_${stamp(from)}`;

function parseBound(text: string): number {
  if (text === 'MINVALUE') return -Infinity;
  if (text === 'MAXVALUE') return Infinity;
  return Number(text.replace(/^'|'$/g, ''));
}

/** The partitions of raw readings other than the DEFAULT one, in time order. */
export async function listRawPartitions(db: Kysely<TelemetryDatabase>): Promise<RawPartition[]> {
  const { rows } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'reading_chunk'::regclass`.execute(db);
  const partitions: RawPartition[] = [];
  for (const { name, bound } of rows) {
    const range = /^FOR VALUES FROM \((.+)\) TO \((.+)\)$/.exec(bound);
    if (range) partitions.push({ name, from: parseBound(range[1]!), to: parseBound(range[2]!) });
  }
  return partitions.sort((a, b) => a.from - b.from);
}

/**
 * The pieces of `[from, to)` that no partition covers.
 * @internal
 */
export function uncovered(from: number, to: number, partitions: readonly RawPartition[]): [number, number][] {
  const pieces: [number, number][] = [];
  let at = from;
  for (const p of partitions) {
    if (p.to <= at || p.from >= to) continue;
    if (p.from > at) pieces.push([at, p.from]);
    at = Math.max(at, p.to);
    if (at >= to) break;
  }
  if (at < to) pieces.push([at, to]);
  return pieces;
}

/** Creates the partition `[from, to)`, moving into it the chunks of that range the DEFAULT partition holds. */
async function createPartition(
  trx: Kysely<TelemetryDatabase>,
  from: number,
  to: number,
): Promise<{ partition: RawPartition; moved: number }> {
  const partition = { name: partitionName(from), from, to };
  const table = sql.id(partition.name);
  await sql`create table ${table} (like reading_chunk including all)`.execute(trx);
  const moved = await sql`
    with moved as (
      delete from only ${sql.id(DEFAULT_PARTITION)} where first_time >= ${from} and first_time < ${to}
      returning *
    )
    insert into ${table} select * from moved`.execute(trx);
  await sql`alter table reading_chunk attach partition ${table}
    for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
  return { partition, moved: Number(moved.numAffectedRows ?? 0) };
}

/** Creates the partitions ahead of `now`, houses stray chunks, and applies the retention. */
export function maintainRawPartitions(
  db: Kysely<TelemetryDatabase>,
  settings: PartitionSettings,
  now: number,
): Promise<MaintenanceReport> {
  const { widthMs, retentionMs } = settings;
  const periodOf = (time: number) => Math.floor(time / widthMs) * widthMs;
  return db.transaction().execute(async (trx) => {
    await sql`set local lock_timeout = ${sql.lit(`${PARTITION_LOCK_TIMEOUT_MS}ms`)}`.execute(trx);
    await sql`lock table only reading_chunk in share row exclusive mode`.execute(trx);
    let partitions = await listRawPartitions(trx);

    const dropped: RawPartition[] = [];
    let expired = 0;
    // A partition goes once its newest possible chunk is older than the retention.
    const keepFrom = retentionMs === undefined ? -Infinity : periodOf(now - retentionMs);
    if (retentionMs !== undefined) {
      for (const partition of partitions.filter((p) => p.to <= keepFrom)) {
        await sql`drop table ${sql.id(partition.name)}`.execute(trx);
        dropped.push(partition);
      }
      partitions = partitions.filter((p) => p.to > keepFrom);
      const deleted =
        await sql`delete from only ${sql.id(DEFAULT_PARTITION)} where first_time < ${keepFrom}`.execute(trx);
      expired = Number(deleted.numAffectedRows ?? 0);
    }

    const periods = new Set<number>();
    const last = Math.max(periodOf(now + RAW_PARTITIONS_AHEAD_MS), periodOf(now) + widthMs);
    for (let period = periodOf(now); period <= last; period += widthMs) periods.add(period);
    const { rows: strays } = await sql<{ period: number }>`
      select distinct floor(first_time / ${widthMs}) * ${widthMs} as period
      from only ${sql.id(DEFAULT_PARTITION)}`.execute(trx);
    for (const { period } of strays) periods.add(Number(period));

    const created: RawPartition[] = [];
    let moved = 0;
    for (const period of [...periods].sort((a, b) => a - b)) {
      for (const [from, to] of uncovered(period, period + widthMs, partitions)) {
        const made = await createPartition(trx, from, to);
        created.push(made.partition);
        moved += made.moved;
        partitions = [...partitions, made.partition].sort((a, b) => a.from - b.from);
      }
    }
    return { created, dropped, moved, expired };
  });
}
