/**
 * Publishing what ingest accepted to live subscribers: per engine, the window summaries of its readings;
 * every new alert with the fleet and the operator of its engine, so `engineAlerts(fleet)` can filter by fleet
 * and by what each subscriber may read without a lookup per subscriber; and, on the change feed, that readings
 * were written. Through the service's pub/sub: in-process, or Redis between replicas.
 */
import { announceChange } from '@meridian/kit';
import type { PubSub } from 'type-graphql';
import { LIVE_HORIZON_MS } from '../config';
import type { ReadingBatch, SensorSeries } from '../ingest/batch';
import type { IngestOutcome } from '../ingest/ingest';
import type { AlertRecord, TelemetryStore } from '../store';
import { liveWindows, type EngineWindows } from './downsample';

export const readingsTopic = (engineId: string) => `readings.${engineId}`;
export const ALERTS_TOPIC = 'alerts';

export interface LiveAlert extends AlertRecord {
  readonly fleetId: string | null;
  /** The operator of the engine's aircraft. */
  readonly operatorId: string | null;
}

export interface LivePublisher {
  /** Publishes the readings of the last `LIVE_HORIZON_MS`; a backfill of history is not live news. */
  readings(series: readonly SensorSeries[]): void;
  alerts(alerts: readonly AlertRecord[]): Promise<void>;
  /** Publishes what an accepted, first-time batch wrote; nothing for a rejected or repeated one. */
  outcome(batch: ReadingBatch, outcome: IngestOutcome): Promise<void>;
  /** `outcome` for a batch whose summaries were computed already (by `liveWindows`, `LIVE_HORIZON_MS` back). */
  summarized(outcome: IngestOutcome, windows: readonly EngineWindows[]): Promise<void>;
}

export function createLivePublisher(
  store: TelemetryStore,
  pubSub: PubSub,
  clock: () => number = Date.now,
): LivePublisher {
  const publish = (windows: readonly EngineWindows[]) => {
    for (const block of windows) pubSub.publish(readingsTopic(block.engineId), block);
  };
  const readings = (series: readonly SensorSeries[]) =>
    publish(liveWindows(series, clock() - LIVE_HORIZON_MS));
  const alerts = async (raised: readonly AlertRecord[]) => {
    if (raised.length === 0) return;
    const engines = await store.enginesByIds([...new Set(raised.map((a) => a.engineId))]);
    const aircraft = await store.aircraftByIds([...new Set(engines.map((e) => e.aircraftId))]);
    const aircraftById = new Map(aircraft.map((a) => [a.id, a]));
    const aircraftOfEngine = new Map(engines.map((e) => [e.id, aircraftById.get(e.aircraftId)]));
    for (const alert of raised) {
      const owner = aircraftOfEngine.get(alert.engineId);
      const live: LiveAlert = {
        ...alert,
        fleetId: owner?.fleetId ?? null,
        operatorId: owner?.operatorId ?? null,
      };
      pubSub.publish(ALERTS_TOPIC, live);
    }
  };
  const summarized = async (outcome: IngestOutcome, windows: readonly EngineWindows[]) => {
    if (!outcome.accepted || outcome.duplicate) return;
    // Health, trends and series of the batch's engines changed, backfilled history included.
    announceChange(pubSub, { kind: 'readings' });
    publish(windows);
    await alerts(outcome.alerts);
  };
  return {
    readings,
    alerts,
    outcome: (batch, outcome) =>
      summarized(
        outcome,
        outcome.accepted && !outcome.duplicate ? liveWindows(batch.series, clock() - LIVE_HORIZON_MS) : [],
      ),
    summarized,
  };
}
