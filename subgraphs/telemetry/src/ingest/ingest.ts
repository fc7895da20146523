/**
 * Ingest of one batch, whichever door it came through (mutation, NDJSON, binary): a retried batch is
 * answered from the stored acknowledgement; a new one is validated whole (every engine it names must be one
 * its sender may write), then its chunks, rollups, newest values and threshold alerts are written in one
 * transaction, so an acknowledged batch is complete and durable and a rejected one leaves nothing behind.
 */
import { MAX_IDEMPOTENCY_KEY_LENGTH, MAX_INGEST_ATTEMPTS, MAX_REPORTED_PROBLEMS } from '../config';
import type { AlertRecord, BatchWrite, RollupRow, SensorRecord, StoredBatch, TelemetryStore } from '../store';
import { readingCount, timeAt, type ReadingBatch, type SensorSeries } from './batch';
import { chunkSeries } from './chunks';
import { rollupSeries } from './rollup';
import { seriesKey, validateBatch, type IngestProblem } from './validate';

export type IngestOutcome =
  | {
      readonly accepted: true;
      readonly duplicate: boolean;
      readonly readings: number;
      readonly series: number;
      /** The alerts this batch raised (none for a duplicate). */
      readonly alerts: readonly AlertRecord[];
    }
  | { readonly accepted: false; readonly problems: readonly IngestProblem[]; readonly problemCount: number };

export function checkIdempotencyKey(key: string): string | undefined {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${key.length}`;
  }
  return undefined;
}

/** Share of a sensor's normal range beyond which an out-of-range reading is critical, not a warning. */
const CRITICAL_EXCESS = 0.5;
const ALERT_WINDOW_MS = 3_600_000;

/** One threshold alert per engine, sensor and hour: the first reading out of the sensor's normal range. */
function thresholdAlert(series: SensorSeries, sensor: SensorRecord): AlertRecord | null {
  const { normalMin, normalMax } = sensor;
  const width = Math.max(normalMax - normalMin, Number.EPSILON);
  for (let i = 0; i < series.values.length; i += 1) {
    const value = series.values[i]!;
    if (value >= normalMin && value <= normalMax) continue;
    const time = timeAt(series, i);
    const excess = (value < normalMin ? normalMin - value : value - normalMax) / width;
    const window = Math.floor(time / ALERT_WINDOW_MS) * ALERT_WINDOW_MS;
    return {
      id: `THRESHOLD:${series.engineId}:${series.sensor}:${window}`,
      engineId: series.engineId,
      sensor: series.sensor,
      kind: 'THRESHOLD',
      severity: excess > CRITICAL_EXCESS ? 'CRITICAL' : 'WARNING',
      message: `${sensor.name} read ${value.toPrecision(6)}${sensor.unit ? ` ${sensor.unit}` : ''}, outside its normal range ${normalMin.toPrecision(6)}..${normalMax.toPrecision(6)}`,
      value,
      raisedAt: time,
    };
  }
  return null;
}

/** What a valid batch writes: its chunks, rollups, newest readings and threshold alerts. */
function prepareWrite(
  batch: ReadingBatch,
  storedKey: string,
  now: number,
  sensorOf: (series: SensorSeries) => SensorRecord | undefined,
): BatchWrite {
  const rollups: RollupRow[] = [];
  const alerts: AlertRecord[] = [];
  const live = batch.series.filter((s) => s.values.length > 0);
  for (const series of live) {
    for (const { resolution, buckets } of rollupSeries(series)) {
      for (const bucket of buckets)
        rollups.push({ engineId: series.engineId, sensor: series.sensor, resolution, ...bucket });
    }
    const sensor = sensorOf(series);
    const alert = sensor && thresholdAlert(series, sensor);
    if (alert) alerts.push(alert);
  }
  return {
    idempotencyKey: storedKey,
    readings: readingCount(batch),
    series: batch.series.length,
    receivedAt: now,
    chunks: live.flatMap(chunkSeries),
    rollups,
    heads: live.map((s) => ({
      engineId: s.engineId,
      sensor: s.sensor,
      firstTime: timeAt(s, 0),
      time: timeAt(s, s.values.length - 1),
      value: s.values[s.values.length - 1]!,
    })),
    alerts,
  };
}

/** `earlier`: problems found while parsing the body, reported with the validation's so the sender sees all. */
export async function ingestBatch(
  store: TelemetryStore,
  batch: ReadingBatch,
  now: number,
  earlier: readonly IngestProblem[] = [],
): Promise<IngestOutcome> {
  // Stored under the owner's name, so one partner's key never answers for another's batch.
  const storedKey = batch.owner ? `${batch.owner}/${batch.idempotencyKey}` : batch.idempotencyKey;
  const duplicateOf = (stored: StoredBatch): IngestOutcome => ({
    accepted: true,
    duplicate: true,
    readings: stored.readings,
    series: stored.series,
    alerts: [],
  });
  const stored = await store.findBatch(storedKey);
  if (stored) return duplicateOf(stored);

  const engineIds = [...new Set(batch.series.map((s) => s.engineId))];
  // Engines the sender may not write are not loaded, so they fail validation like unknown ones.
  const engines = await store.enginesByIds(engineIds, batch.operators);
  const engineModels = new Map(engines.map((e) => [e.id, e.model]));
  // Only the sensors the batch names are read: a catalog may hold thousands.
  const wanted = new Set<string>();
  for (const series of batch.series) {
    const model = engineModels.get(series.engineId);
    if (model !== undefined) wanted.add(`${model}.${series.sensor}`);
  }
  const sensors = wanted.size > 0 ? await store.sensorsByIds([...wanted]) : [];
  const catalog = new Map(sensors.map((s) => [s.id, s]));

  let write: BatchWrite | undefined;
  // A writer in another replica may store newer readings of the same series between this validation and
  // the write; the store then writes nothing and the batch is validated again against them.
  for (let attempt = 1; ; attempt += 1) {
    const newest = new Map(
      (await store.newestReadings(engineIds)).map((head) => [
        seriesKey(head.engineId, head.sensor),
        head.time,
      ]),
    );
    const { problems, problemCount } = validateBatch(batch, {
      engineModels,
      ownEnginesOnly: batch.operators !== undefined,
      sensorIds: catalog,
      newest,
      now,
    });
    if (problemCount + earlier.length > 0) {
      // The same batch, sent twice at once, may have been stored by the other sending since the key was
      // looked up: its readings are then what this one is out of order against.
      const storedSince = problemCount > 0 ? await store.findBatch(storedKey) : null;
      if (storedSince) return duplicateOf(storedSince);
      return {
        accepted: false,
        problems: [...earlier, ...problems].slice(0, MAX_REPORTED_PROBLEMS),
        problemCount: problemCount + earlier.length,
      };
    }
    write ??= prepareWrite(batch, storedKey, now, (series) =>
      catalog.get(`${engineModels.get(series.engineId)}.${series.sensor}`),
    );
    const written = await store.writeBatch(write);
    if (written.outcome !== 'overtaken') {
      const duplicate = written.outcome === 'duplicate';
      return {
        accepted: true,
        duplicate,
        readings: written.batch.readings,
        series: written.batch.series,
        alerts: duplicate ? [] : write.alerts,
      };
    }
    // Heads only move forward, so the next validation sees what overtook the batch and refuses it.
    if (attempt === MAX_INGEST_ATTEMPTS) {
      throw new Error(`batch ${storedKey} was overtaken ${attempt} times yet validated each time`);
    }
  }
}
