/**
 * Reads of stored readings, one engine's sensor over a time range: its raw chunks, or its rollups at one
 * resolution (what `series` answers from; see src/series/).
 */
import type { Kysely } from 'kysely';
import { CHUNK_WINDOW_MS } from '../config';
import { float64s } from './rows';
import type { ReadingChunkTable, TelemetryDatabase } from './tables';

/** One window's readings of a sensor, as stored: a typed array of values, and of times unless regular. */
export interface Chunk {
  readonly engineId: string;
  readonly sensor: string;
  readonly firstTime: number;
  readonly lastTime: number;
  /** Milliseconds between samples; 0 when `times` holds them. */
  readonly period: number;
  readonly times: Float64Array | null;
  readonly values: Float64Array;
}

/** Minimum, maximum, sum and count of a sensor's readings in one bucket of a rollup. */
export interface RollupBucket {
  /** Start of the bucket, ms since the epoch, a multiple of the resolution. */
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

interface SeriesRange {
  readonly engineId: string;
  readonly sensor: string;
  /** Inclusive start and exclusive end, ms since the epoch. */
  readonly from: number;
  readonly to: number;
}

export interface SeriesStore {
  rollups(query: SeriesRange & { resolution: number }): Promise<RollupBucket[]>;
  chunks(query: SeriesRange): Promise<Chunk[]>;
}

/** How far before its window a chunk may start: chunks never span more than one window. */
const CHUNK_SPAN_BOUND_MS = CHUNK_WINDOW_MS;

const toChunk = (row: ReadingChunkTable): Chunk => ({
  engineId: row.engine_id,
  sensor: row.sensor,
  firstTime: row.first_time,
  lastTime: row.last_time,
  period: row.period,
  times: row.times ? float64s(row.times) : null,
  values: float64s(row.values),
});

export function createSeriesStore(db: Kysely<TelemetryDatabase>): SeriesStore {
  return {
    rollups: async ({ engineId, sensor, resolution, from, to }) => {
      const rows = await db
        .selectFrom('rollup')
        .select(['bucket', 'min', 'max', 'sum', 'count'])
        .where('engine_id', '=', engineId)
        .where('sensor', '=', sensor)
        .where('resolution', '=', resolution)
        .where('bucket', '>=', Math.floor(from / resolution) * resolution)
        .where('bucket', '<', to)
        .orderBy('bucket')
        .execute();
      return rows.map((row) => ({
        bucket: Number(row.bucket),
        min: row.min,
        max: row.max,
        sum: row.sum,
        count: Number(row.count),
      }));
    },
    chunks: async ({ engineId, sensor, from, to }) => {
      const rows = await db
        .selectFrom('reading_chunk')
        .selectAll()
        .where('engine_id', '=', engineId)
        .where('sensor', '=', sensor)
        // A chunk never spans more than one window, so this bound keeps the scan on the index.
        .where('first_time', '>=', from - CHUNK_SPAN_BOUND_MS)
        .where('first_time', '<', to)
        .where('last_time', '>=', from)
        .orderBy('first_time')
        .execute();
      return rows.map(toChunk);
    },
  };
}
