/**
 * Recording flights of an engine: each flight's C-MAPSS channel values become readings (one per channel, at
 * landing, through the normal ingest path) and a flight record; after each flight the engine is assessed
 * (health index and trend, remaining life) and a trend alert raised when its remaining life runs short.
 */
import { estimateRul, healthIndexAt, healthTrend, TREND_FLIGHTS } from '../models/assess';
import { CMAPSS_SENSORS } from '../cmapss/sensors';
import { createHash } from 'node:crypto';
import type { SensorSeries } from '../ingest/batch';
import { ingestBatch } from '../ingest/ingest';
import type { AlertRecord, AlertSeverity, AssessmentRecord, FlightRecord, TelemetryStore } from '../store';

/** Remaining life, in flights, under which an engine gets a trend alert of each severity. */
export const RUL_WARNING_CYCLES = 50;
const RUL_CRITICAL_CYCLES = 20;

export interface NewFlight {
  readonly cycle: number;
  readonly departedAt: number;
  readonly arrivedAt: number;
  readonly channels: readonly number[];
}

function trendAlert(engineId: string, assessment: AssessmentRecord): AlertRecord | null {
  const severity: AlertSeverity | null =
    assessment.rul <= RUL_CRITICAL_CYCLES
      ? 'CRITICAL'
      : assessment.rul <= RUL_WARNING_CYCLES
        ? 'WARNING'
        : null;
  if (!severity) return null;
  return {
    // One alert per engine and severity: it is raised once, when the engine first crosses the limit.
    id: `TREND:${engineId}:${severity}`,
    engineId,
    sensor: null,
    kind: 'TREND',
    severity,
    message: `about ${Math.round(assessment.rul)} flights of remaining life (${Math.round(assessment.rulLower)}–${Math.round(assessment.rulUpper)}) after flight ${assessment.cycle}; health ${assessment.healthIndex.toFixed(2)}, trend ${assessment.healthTrend.toFixed(4)} a flight`,
    value: assessment.rul,
    raisedAt: assessment.assessedAt,
  };
}

/** Assesses an engine after each new flight, continuing from its stored flights. */
function assessFlights(
  engineId: string,
  history: readonly FlightRecord[],
  flights: readonly NewFlight[],
): { records: FlightRecord[]; assessments: AssessmentRecord[]; alerts: AlertRecord[] } {
  const channels = history.map((f) => f.channels);
  const lookback = Math.max(0, channels.length - TREND_FLIGHTS);
  const indices = channels.slice(lookback).map((_, i) => healthIndexAt(channels, lookback + i));
  const records: FlightRecord[] = [];
  const assessments: AssessmentRecord[] = [];
  const alerts = new Map<string, AlertRecord>();
  for (const flight of flights) {
    channels.push([...flight.channels]);
    const upTo = channels.length - 1;
    indices.push(healthIndexAt(channels, upTo));
    const rul = estimateRul(channels, upTo, flight.cycle);
    const assessment: AssessmentRecord = {
      engineId,
      cycle: flight.cycle,
      assessedAt: flight.arrivedAt,
      healthIndex: indices[indices.length - 1]!,
      healthTrend: healthTrend(indices),
      rul: rul.cycles,
      rulLower: rul.lower,
      rulUpper: rul.upper,
    };
    records.push({ engineId, ...flight, channels: [...flight.channels] });
    assessments.push(assessment);
    const alert = trendAlert(engineId, assessment);
    if (alert && !alerts.has(alert.id)) alerts.set(alert.id, alert);
  }
  return { records, assessments, alerts: [...alerts.values()] };
}

/**
 * Records new flights of engines (each engine's in cycle order, after those stored) and their readings, in
 * one ingest batch and one write; returns the alerts raised.
 */
export async function recordFlights(
  store: TelemetryStore,
  flightsByEngine: ReadonlyMap<string, readonly NewFlight[]>,
  now: number,
): Promise<AlertRecord[]> {
  const entries = [...flightsByEngine].filter(([, flights]) => flights.length > 0);
  if (entries.length === 0) return [];
  const history = await store.flightsByEngineIds(entries.map(([engineId]) => engineId));
  const records: FlightRecord[] = [];
  const assessments: AssessmentRecord[] = [];
  const trendAlerts: AlertRecord[] = [];
  const series: SensorSeries[] = [];
  for (const [engineId, flights] of entries) {
    const assessed = assessFlights(
      engineId,
      history.filter((f) => f.engineId === engineId),
      flights,
    );
    records.push(...assessed.records);
    assessments.push(...assessed.assessments);
    trendAlerts.push(...assessed.alerts);
    const times = Float64Array.from(flights, (f) => f.arrivedAt);
    CMAPSS_SENSORS.forEach((sensor, channel) =>
      series.push({
        engineId,
        sensor: sensor.name,
        times,
        start: times[0]!,
        period: 0,
        values: Float64Array.from(flights, (f) => f.channels[channel]!),
      }),
    );
  }
  // The key names the flights, so recording the same flights again is recognised as a retry.
  const key = createHash('sha256')
    .update(
      entries
        .map(([id, flights]) => `${id}:${flights[0]!.cycle}-${flights[flights.length - 1]!.cycle}`)
        .join(','),
    )
    .digest('hex');
  const outcome = await ingestBatch(store, { idempotencyKey: `flights:${key}`, series }, now);
  if (!outcome.accepted) {
    throw new Error(`flights rejected: ${outcome.problems.map((p) => `${p.at}: ${p.message}`).join('; ')}`);
  }
  await store.writeFlights(records, assessments, trendAlerts);
  return [...outcome.alerts, ...trendAlerts];
}
