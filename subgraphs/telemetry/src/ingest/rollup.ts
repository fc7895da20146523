/**
 * Rollups written at ingest: min, max, sum and count per sensor and bucket at 1 s, 1 min and 1 h, so a
 * query over months reads a few hundred rows instead of billions of readings. Computed in one pass over the
 * readings into 1 s buckets, then folded up.
 */
import type { RollupBucket } from '../store';
import { forEachWindow, runStats, type SensorSeries } from './batch';

export const ROLLUP_RESOLUTIONS_MS = [1_000, 60_000, 3_600_000] as const;
type RollupResolution = (typeof ROLLUP_RESOLUTIONS_MS)[number];

export interface SeriesRollups {
  readonly resolution: RollupResolution;
  readonly buckets: RollupBucket[];
}

function fold(finer: readonly RollupBucket[], resolution: number): RollupBucket[] {
  const out: RollupBucket[] = [];
  let current: RollupBucket | undefined;
  for (const b of finer) {
    const bucket = Math.floor(b.bucket / resolution) * resolution;
    if (current?.bucket !== bucket) {
      current = { bucket, min: b.min, max: b.max, sum: b.sum, count: b.count };
      out.push(current);
    } else {
      if (b.min < current.min) current.min = b.min;
      if (b.max > current.max) current.max = b.max;
      current.sum += b.sum;
      current.count += b.count;
    }
  }
  return out;
}

/** The rollups of one series whose times ascend, finest first. */
export function rollupSeries(series: SensorSeries): SeriesRollups[] {
  const [finest, ...coarser] = ROLLUP_RESOLUTIONS_MS;
  const buckets: RollupBucket[] = [];
  const { values } = series;
  forEachWindow(series, finest, 0, (window, from, to) => {
    const { min, max, sum } = runStats(values, from, to);
    buckets.push({ bucket: window * finest, min, max, sum, count: to - from });
  });
  const result: SeriesRollups[] = [{ resolution: finest, buckets }];
  let previous = buckets;
  for (const resolution of coarser) {
    previous = fold(previous, resolution);
    result.push({ resolution, buckets: previous });
  }
  return result;
}
