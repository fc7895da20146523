/**
 * Answering `series(engine, sensor, from, to, buckets)`: the coarsest rollup whose resolution still fits
 * inside one requested bucket is read (hours for a month at 500 buckets), and its rows are merged into the
 * requested buckets; only buckets narrower than a second read the raw chunks.
 */
import { chunkTimes } from '../ingest/chunks';
import { ROLLUP_RESOLUTIONS_MS } from '../ingest/rollup';
import type { Chunk, RollupBucket } from '../store';

export type SeriesSource = 'RAW' | 'SECOND' | 'MINUTE' | 'HOUR';

const SOURCE_OF: Record<number, SeriesSource> = { 1_000: 'SECOND', 60_000: 'MINUTE', 3_600_000: 'HOUR' };

/** The coarsest rollup resolution no wider than a bucket, or undefined when only raw readings serve. */
export function pickResolution(from: number, to: number, buckets: number): number | undefined {
  const width = (to - from) / buckets;
  return [...ROLLUP_RESOLUTIONS_MS].reverse().find((resolution) => resolution <= width);
}

export function sourceOf(resolution: number | undefined): SeriesSource {
  return resolution === undefined ? 'RAW' : SOURCE_OF[resolution]!;
}

export interface SeriesPoint {
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

class Accumulator {
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly sum: Float64Array;
  readonly count: Float64Array;

  constructor(
    readonly from: number,
    readonly to: number,
    readonly buckets: number,
  ) {
    this.min = new Float64Array(buckets).fill(Infinity);
    this.max = new Float64Array(buckets).fill(-Infinity);
    this.sum = new Float64Array(buckets);
    this.count = new Float64Array(buckets);
  }

  indexOf(time: number): number {
    if (time < this.from || time >= this.to) return -1;
    return Math.min(
      this.buckets - 1,
      Math.floor(((time - this.from) / (this.to - this.from)) * this.buckets),
    );
  }

  add(index: number, min: number, max: number, sum: number, count: number): void {
    if (min < this.min[index]!) this.min[index] = min;
    if (max > this.max[index]!) this.max[index] = max;
    this.sum[index]! += sum;
    this.count[index]! += count;
  }

  points(): SeriesPoint[] {
    const width = (this.to - this.from) / this.buckets;
    return Array.from({ length: this.buckets }, (_, i) => {
      const count = this.count[i]!;
      return {
        start: this.from + i * width,
        end: i === this.buckets - 1 ? this.to : this.from + (i + 1) * width,
        count,
        min: count > 0 ? this.min[i]! : null,
        max: count > 0 ? this.max[i]! : null,
        mean: count > 0 ? this.sum[i]! / count : null,
      };
    });
  }
}

/** Merges rollup rows into buckets; a row counts in the bucket its start falls in. */
export function bucketRollups(
  rows: readonly RollupBucket[],
  from: number,
  to: number,
  buckets: number,
): SeriesPoint[] {
  const acc = new Accumulator(from, to, buckets);
  for (const row of rows) {
    // A first row that starts before `from` still holds readings inside the range.
    const index = acc.indexOf(Math.max(row.bucket, from));
    if (index >= 0) acc.add(index, row.min, row.max, row.sum, row.count);
  }
  return acc.points();
}

export function bucketChunks(
  chunks: readonly Chunk[],
  from: number,
  to: number,
  buckets: number,
): SeriesPoint[] {
  const acc = new Accumulator(from, to, buckets);
  for (const chunk of chunks) {
    const times = chunkTimes(chunk);
    for (let i = 0; i < times.length; i += 1) {
      const index = acc.indexOf(times[i]!);
      const value = chunk.values[i]!;
      if (index >= 0) acc.add(index, value, value, value, 1);
    }
  }
  return acc.points();
}
