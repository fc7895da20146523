/**
 * The shape every ingest path produces before validation: a batch of series, one per engine and sensor,
 * times in milliseconds since the epoch. Binary batches arrive regularly sampled (a start and a period, no
 * time array); readings from JSON are grouped into series here, remembering where each reading came from so
 * a problem can name it.
 */
export interface SensorSeries {
  readonly engineId: string;
  readonly sensor: string;
  /** Explicit times, ascending; absent when the series is regular (`start` + i × `period`). */
  readonly times?: Float64Array;
  readonly start: number;
  readonly period: number;
  readonly values: Float64Array;
  /** Where reading i came from in the request, e.g. `readings[12]` or `line 40`. */
  readonly origin?: (index: number) => string;
}

export interface ReadingBatch {
  readonly idempotencyKey: string;
  readonly series: readonly SensorSeries[];
  /**
   * Whose batch it is (the sender's partner, else the signed-in user): idempotency keys are the sender's own,
   * so the same key from two partners is two batches. Unset for the platform's own writers.
   */
  readonly owner?: string;
  /**
   * The operators whose engines the batch may write (see `writableOperators` in access.ts): a partner's
   * own operator's, or none. Unset for the platform's own writers, which write any engine.
   */
  readonly operators?: readonly string[];
}

/** The principal a batch belongs to, as `ReadingBatch.owner` names it. */
export function batchOwner(
  principal: { partnerId?: string; userId?: string } | null | undefined,
): string | undefined {
  if (principal?.partnerId) return `partner:${principal.partnerId}`;
  if (principal?.userId) return `user:${principal.userId}`;
  return undefined;
}

export interface LooseReading {
  readonly engineId: string;
  readonly sensor: string;
  readonly time: number;
  readonly value: number;
}

export function timeAt(series: SensorSeries, index: number): number {
  return series.times ? series.times[index]! : series.start + index * series.period;
}

/**
 * Calls `visit(window, from, to)` for each run of readings `[from, to)` (from `first` on) whose times fall in
 * the same window of `width` ms, `window` being `Math.floor(time / width)`, in order; times must ascend. The
 * runs of a regular series are found by arithmetic and checked at their ends, not by reading every time, so
 * a caller's loop over the values of a run is all the work per reading.
 */
export function forEachWindow(
  series: SensorSeries,
  width: number,
  first: number,
  visit: (window: number, from: number, to: number) => void,
): void {
  const count = series.values.length;
  const windowOf = (index: number) => Math.floor(timeAt(series, index) / width);
  let from = first;
  while (from < count) {
    const window = windowOf(from);
    let to = from + 1;
    if (!series.times) {
      const estimate = Math.ceil(((window + 1) * width - series.start) / series.period);
      to = Math.min(count, Math.max(from + 1, estimate));
      while (to > from + 1 && windowOf(to - 1) !== window) to -= 1;
    }
    while (to < count && windowOf(to) === window) to += 1;
    visit(window, from, to);
    from = to;
  }
}

/** Minimum, maximum and sum of `values[from..to)`, which must not be empty. */
export function runStats(
  values: Float64Array,
  from: number,
  to: number,
): { min: number; max: number; sum: number } {
  let min = values[from]!;
  let max = min;
  let sum = 0;
  for (let index = from; index < to; index += 1) {
    const value = values[index]!;
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
  }
  return { min, max, sum };
}

export function readingCount(batch: ReadingBatch): number {
  let count = 0;
  for (const series of batch.series) count += series.values.length;
  return count;
}

/** Groups loose readings into series by engine and sensor, keeping the order they were given in. */
export function groupReadings(
  readings: readonly LooseReading[],
  origin: (position: number) => string,
): SensorSeries[] {
  const groups = new Map<string, { engineId: string; sensor: string; positions: number[] }>();
  readings.forEach((reading, position) => {
    const key = `${reading.engineId}\u0000${reading.sensor}`;
    let group = groups.get(key);
    if (!group)
      groups.set(key, (group = { engineId: reading.engineId, sensor: reading.sensor, positions: [] }));
    group.positions.push(position);
  });
  return [...groups.values()].map(({ engineId, sensor, positions }) => {
    const times = Float64Array.from(positions, (p) => readings[p]!.time);
    return {
      engineId,
      sensor,
      times,
      start: times[0] ?? 0,
      period: 0,
      values: Float64Array.from(positions, (p) => readings[p]!.value),
      origin: (index: number) => origin(positions[index]!),
    };
  });
}
