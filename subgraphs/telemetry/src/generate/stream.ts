/**
 * The demo fleet, live: every tick each demo engine sends its sensors' samples since the last tick (one
 * batch through the normal ingest path), and every `flightEveryMs` each engine lands another flight (a
 * time-lapse of its life), so health, remaining life and alerts move while `npm start` runs. An engine at
 * the end of its life stops flying and keeps idling.
 */
import type { Logger } from '@meridian/kit';
import type { IngestOutcome } from '../ingest/ingest';
import { ingestBatch } from '../ingest/ingest';
import type { SensorSeries } from '../ingest/batch';
import { recordFlights, type NewFlight } from '../fleet/flights';
import type { AlertRecord, TelemetryStore } from '../store';
import { DEMO_ENGINE_MODEL, sensorCatalog } from '../seed';
import { flightValues, planEngine, sampleChannels, type EnginePlan } from './fleet';

export interface DemoStreamOptions {
  readonly seed: number;
  /** Channels streamed per engine: the first of the demo model's catalog. */
  readonly sensors: number;
  readonly rateHz: number;
  readonly tickMs: number;
  readonly flightEveryMs: number;
}

export interface DemoStreamEvents {
  /** After each accepted batch of samples. */
  readonly onReadings?: (series: readonly SensorSeries[]) => void;
  /** After each batch or flight that raised alerts. */
  readonly onAlerts?: (alerts: readonly AlertRecord[]) => void;
}

export interface DemoStream {
  stop(): Promise<void>;
}

interface LiveEngine {
  readonly id: string;
  readonly plan: EnginePlan;
  cycle: number;
}

export async function startDemoStream(
  store: TelemetryStore,
  options: DemoStreamOptions,
  logger: Logger,
  events: DemoStreamEvents = {},
): Promise<DemoStream> {
  const fleets = await store.listFleets();
  const aircraft = await store.aircraftByFleetIds(fleets.map((f) => f.id));
  const engines = (await store.enginesByAircraftIds(aircraft.map((a) => a.id)))
    .filter((e) => e.model === DEMO_ENGINE_MODEL)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const flights = await store.flightsByEngineIds(engines.map((e) => e.id));
  const live: LiveEngine[] = engines.map((engine, index) => ({
    id: engine.id,
    // Demo engines were created in id order, so the index gives back each engine's plan.
    plan: planEngine(options.seed, index),
    cycle: flights.filter((f) => f.engineId === engine.id).reduce((max, f) => Math.max(max, f.cycle), 0),
  }));
  const names = sensorCatalog(DEMO_ENGINE_MODEL, options.sensors).map((s) => s.name);
  const period = 1000 / options.rateHz;

  let nextSample = Date.now() + period / 2;
  let lastFlight = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const report = (outcome: IngestOutcome, series: readonly SensorSeries[]) => {
    if (!outcome.accepted) {
      logger.warn({ problems: outcome.problems.slice(0, 3) }, 'demo stream batch rejected');
      return;
    }
    events.onReadings?.(series);
    if (outcome.alerts.length > 0) events.onAlerts?.(outcome.alerts);
  };

  const tick = async () => {
    const now = Date.now();
    const count = Math.max(0, Math.ceil((now - nextSample) / period));
    if (count > 0 && live.length > 0) {
      const series = live.flatMap((engine) =>
        sampleChannels(engine.plan, engine.cycle + 1, names.length, nextSample, period, count).map(
          (values, i) => ({
            engineId: engine.id,
            sensor: names[i]!,
            start: nextSample,
            period,
            values,
          }),
        ),
      );
      report(await ingestBatch(store, { idempotencyKey: `demo-stream:${nextSample}`, series }, now), series);
      nextSample += count * period;
    }
    if (now - lastFlight >= options.flightEveryMs) {
      // Landing just before the next sample keeps every sensor's times increasing.
      const landing = nextSample - period / 2;
      const landed = new Map<string, NewFlight[]>();
      for (const engine of live) {
        if (engine.cycle >= engine.plan.lifetime) continue;
        engine.cycle += 1;
        landed.set(engine.id, [
          {
            cycle: engine.cycle,
            departedAt: lastFlight,
            arrivedAt: landing,
            channels: flightValues(engine.plan, engine.cycle),
          },
        ]);
      }
      lastFlight = now;
      const alerts = await recordFlights(store, landed, now);
      if (alerts.length > 0) events.onAlerts?.(alerts);
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().then(schedule, (error: unknown) => {
        logger.error({ err: error }, 'demo stream tick failed');
        schedule();
      });
    }, options.tickMs);
  };
  schedule();
  logger.info(
    `streaming ${live.length} demo engines × ${names.length} sensors at ${options.rateHz} Hz, a flight every ${options.flightEveryMs / 1000} s`,
  );
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
