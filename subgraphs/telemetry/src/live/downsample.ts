/**
 * Downsampling live readings to a subscriber's interval. Ingest publishes, per engine, summaries of each
 * sensor over short windows (`LIVE_WINDOW_MS`), so the pub/sub traffic stays bounded whatever the sampling
 * rate; each subscription folds the windows of its sensors into min, max, mean and last until its own
 * interval ends, then sends one frame.
 */
import { LIVE_WINDOW_MS } from '../config';
import { forEachWindow, runStats, timeAt, type SensorSeries } from '../ingest/batch';

/**
 * One sensor over one window.
 * @internal
 */
export interface WindowSummary {
  readonly sensor: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
  readonly last: number;
  readonly lastTime: number;
}

/** Numbers per window in `EngineWindows.stats`: count, min, max, sum, last, lastTime. */
const STATS = 6;

/**
 * The window summaries of one engine's readings, in columns. A second of 5,000 sensors at 1 kHz is 50,000
 * windows: as objects, receiving them from the ingest worker held the serving thread for 50 to 70 ms a
 * batch; as typed arrays they are transferred, not copied, and published as they are (Redis carries them
 * as base64, see `@meridian/kit`'s pub/sub).
 */
export interface EngineWindows {
  readonly engineId: string;
  /** The sensors with windows; sensor i has the windows from `ends[i - 1]` (0 for the first) to `ends[i]`. */
  readonly sensors: readonly string[];
  readonly ends: Uint32Array;
  /** `STATS` numbers a window, oldest window of each sensor first: count, min, max, sum, last, lastTime. */
  readonly stats: Float64Array;
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

/**
 * Summaries of each series per `LIVE_WINDOW_MS` window from `since` on (older readings are history), per
 * engine (engines without any left out). Plain data with typed arrays, so the ingest worker computes them
 * beside the batch and hands them to the serving thread without a copy.
 */
export function liveWindows(series: readonly SensorSeries[], since = -Infinity): EngineWindows[] {
  const byEngine = new Map<string, SensorSeries[]>();
  for (const one of series) {
    const list = byEngine.get(one.engineId);
    if (list) list.push(one);
    else byEngine.set(one.engineId, [one]);
  }
  const out: EngineWindows[] = [];
  for (const [engineId, list] of byEngine) {
    const sensors: string[] = [];
    const ends: number[] = [];
    let stats = new Float64Array(STATS * 16 * list.length);
    let windows = 0;
    for (const one of list) {
      const { values } = one;
      forEachWindow(one, LIVE_WINDOW_MS, firstIndexFrom(one, since), (_window, from, to) => {
        if ((windows + 1) * STATS > stats.length) {
          const grown = new Float64Array(stats.length * 2);
          grown.set(stats);
          stats = grown;
        }
        const { min, max, sum } = runStats(values, from, to);
        const at = windows * STATS;
        stats[at] = to - from;
        stats[at + 1] = min;
        stats[at + 2] = max;
        stats[at + 3] = sum;
        stats[at + 4] = values[to - 1]!;
        stats[at + 5] = timeAt(one, to - 1);
        windows += 1;
      });
      if (windows > (ends.at(-1) ?? 0)) {
        sensors.push(one.sensor);
        ends.push(windows);
      }
    }
    // A copy of the used part, so the buffer handed over holds no slack.
    if (windows > 0) {
      out.push({ engineId, sensors, ends: Uint32Array.from(ends), stats: stats.slice(0, windows * STATS) });
    }
  }
  return out;
}

/** The first window of sensor `i` of `block`; its last is just before `block.ends[i]`. */
const firstWindow = (block: EngineWindows, i: number) => (i === 0 ? 0 : block.ends[i - 1]!);

/** The buffers of `windows`, to transfer them to another thread rather than copy them. */
export function windowBuffers(windows: readonly EngineWindows[]): ArrayBuffer[] {
  return windows.flatMap((w) => [w.ends.buffer as ArrayBuffer, w.stats.buffer as ArrayBuffer]);
}

/**
 * Each window of `block` as an object, sensor by sensor, oldest first.
 * @internal
 */
export function* windowSummaries(block: EngineWindows): Generator<WindowSummary> {
  for (let i = 0; i < block.sensors.length; i += 1) {
    for (let w = firstWindow(block, i); w < block.ends[i]!; w += 1) {
      const at = w * STATS;
      const { stats } = block;
      yield {
        sensor: block.sensors[i]!,
        count: stats[at]!,
        min: stats[at + 1]!,
        max: stats[at + 2]!,
        sum: stats[at + 3]!,
        last: stats[at + 4]!,
        lastTime: stats[at + 5]!,
      };
    }
  }
}

interface Running {
  count: number;
  min: number;
  max: number;
  sum: number;
  last: number;
  lastTime: number;
}

/** Where each sensor of a block is, found once per block however many subscribers read it. */
const positionsOf = new WeakMap<EngineWindows, ReadonlyMap<string, number>>();

function sensorPositions(block: EngineWindows): ReadonlyMap<string, number> {
  let positions = positionsOf.get(block);
  if (!positions) {
    positions = new Map(block.sensors.map((sensor, i) => [sensor, i]));
    positionsOf.set(block, positions);
  }
  return positions;
}

export class Downsampler {
  private readonly running = new Map<string, Running>();
  private readonly wanted: ReadonlySet<string>;

  constructor(private readonly sensors: readonly string[]) {
    this.wanted = new Set(sensors);
  }

  /** Folds the windows of the wanted sensors in `block`. */
  add(block: EngineWindows): void {
    const { ends, stats } = block;
    const positions = sensorPositions(block);
    for (const sensor of this.wanted) {
      const i = positions.get(sensor);
      if (i === undefined) continue;
      for (let w = firstWindow(block, i); w < ends[i]!; w += 1) {
        const at = w * STATS;
        this.fold(
          sensor,
          stats[at]!,
          stats[at + 1]!,
          stats[at + 2]!,
          stats[at + 3]!,
          stats[at + 4]!,
          stats[at + 5]!,
        );
      }
    }
  }

  private fold(
    sensor: string,
    count: number,
    min: number,
    max: number,
    sum: number,
    last: number,
    lastTime: number,
  ): void {
    const summary = this.running.get(sensor);
    if (!summary) {
      this.running.set(sensor, { count, min, max, sum, last, lastTime });
      return;
    }
    summary.count += count;
    if (min < summary.min) summary.min = min;
    if (max > summary.max) summary.max = max;
    summary.sum += sum;
    if (lastTime >= summary.lastTime) {
      summary.last = last;
      summary.lastTime = lastTime;
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
