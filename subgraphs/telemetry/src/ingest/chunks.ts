/**
 * Cutting a series into stored chunks: one per engine, sensor and time window (`CHUNK_WINDOW_MS`), each a
 * typed array of values (and of times, for irregular series) that shares memory with the ingested batch.
 */
import { CHUNK_WINDOW_MS } from '../config';
import type { Chunk } from '../store';
import { timeAt, type SensorSeries } from './batch';

export function chunkSeries(series: SensorSeries): Chunk[] {
  const chunks: Chunk[] = [];
  const { values } = series;
  let from = 0;
  while (from < values.length) {
    const window = Math.floor(timeAt(series, from) / CHUNK_WINDOW_MS);
    let to = from + 1;
    if (series.times) {
      while (to < values.length && Math.floor(series.times[to]! / CHUNK_WINDOW_MS) === window) to += 1;
    } else {
      const end = (window + 1) * CHUNK_WINDOW_MS;
      to = Math.min(values.length, Math.max(from + 1, Math.ceil((end - series.start) / series.period)));
      while (to > from + 1 && timeAt(series, to - 1) >= end) to -= 1;
      while (to < values.length && timeAt(series, to) < end) to += 1;
    }
    chunks.push({
      engineId: series.engineId,
      sensor: series.sensor,
      firstTime: timeAt(series, from),
      lastTime: timeAt(series, to - 1),
      period: series.times ? 0 : series.period,
      times: series.times ? series.times.subarray(from, to) : null,
      values: values.subarray(from, to),
    });
    from = to;
  }
  return chunks;
}

/** The times of a stored chunk, whether regular or not. */
export function chunkTimes(chunk: Pick<Chunk, 'firstTime' | 'period' | 'times' | 'values'>): Float64Array {
  if (chunk.times) return chunk.times;
  return Float64Array.from({ length: chunk.values.length }, (_, i) => chunk.firstTime + i * chunk.period);
}
