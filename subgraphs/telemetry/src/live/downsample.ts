/**
 * Downsampling live readings to a subscriber's interval. Ingest publishes, per engine, summaries of each
 * sensor over short windows (`LIVE_WINDOW_MS`), so the pub/sub traffic stays bounded whatever the sampling
 * rate; each subscription folds the windows of its sensors into min, max, mean and last until its own
 * interval ends, then sends one frame.
 */
import { LIVE_WINDOW_MS } from '../config';
import { forEachWindow, runStats, timeAt, type SensorSeries } from '../ingest/batch';

/** One sensor over one window; plain data, so it crosses Redis as JSON. */
export interface WindowSummary {
  readonly sensor: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
  readonly last: number;
  readonly lastTime: number;
}

interface SensorSummary {
  readonly sensor: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** The newest reading of the interval, and its time. */
  readonly last: number;
  readonly lastTime: number;
}

export interface ReadingFrame {
  /** The interval the frame covers, [from, to). */
  readonly from: number;
  readonly to: number;
  readonly sensors: readonly SensorSummary[];
}

/** Index of the first reading at or after `since` (times ascend). */
function firstIndexFrom(series: SensorSeries, since: number): number {
  if (!series.times) return Math.max(0, Math.ceil((since - series.start) / series.period));
  let low = 0;
  let high = series.times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (series.times[middle]! < since) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Summaries of a series per `LIVE_WINDOW_MS` window from `since` on (older readings are history), oldest first. */
export function summarize(series: SensorSeries, since = -Infinity): WindowSummary[] {
  const out: WindowSummary[] = [];
  const { values } = series;
  forEachWindow(series, LIVE_WINDOW_MS, firstIndexFrom(series, since), (_window, from, to) => {
    const { min, max, sum } = runStats(values, from, to);
    const last = values[to - 1]!;
    out.push({
      sensor: series.sensor,
      count: to - from,
      min,
      max,
      sum,
      last,
      lastTime: timeAt(series, to - 1),
    });
  });
  return out;
}

interface Running {
  count: number;
  min: number;
  max: number;
  sum: number;
  last: number;
  lastTime: number;
}

export class Downsampler {
  private readonly running = new Map<string, Running>();
  private readonly wanted: ReadonlySet<string>;

  constructor(private readonly sensors: readonly string[]) {
    this.wanted = new Set(sensors);
  }

  add(window: WindowSummary): void {
    if (!this.wanted.has(window.sensor)) return;
    const summary = this.running.get(window.sensor);
    if (!summary) {
      const { count, min, max, sum, last, lastTime } = window;
      this.running.set(window.sensor, { count, min, max, sum, last, lastTime });
      return;
    }
    summary.count += window.count;
    if (window.min < summary.min) summary.min = window.min;
    if (window.max > summary.max) summary.max = window.max;
    summary.sum += window.sum;
    if (window.lastTime >= summary.lastTime) {
      summary.last = window.last;
      summary.lastTime = window.lastTime;
    }
  }

  /** The frame of the interval [from, to) and a fresh start; null when no reading arrived in it. */
  flush(from: number, to: number): ReadingFrame | null {
    if (this.running.size === 0) return null;
    const sensors = this.sensors.flatMap((sensor) => {
      const s = this.running.get(sensor);
      return s
        ? [
            {
              sensor,
              count: s.count,
              min: s.min,
              max: s.max,
              mean: s.sum / s.count,
              last: s.last,
              lastTime: s.lastTime,
            },
          ]
        : [];
    });
    this.running.clear();
    return { from, to, sensors };
  }
}
