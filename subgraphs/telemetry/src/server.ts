/**
 * Starts the telemetry subgraph: its store (created, migrated and seeded on first start), schema and HTTP,
 * and the live demo stream unless its rate is 0.
 */
import { startSubgraph, type RunningService } from '@meridian/kit';
import { STREAM_TICK_MS, type TelemetryConfig } from './config';
import { createContext } from './context';
import { buildTelemetrySchema } from './schema';
import { openTelemetryStore } from './store';
import { seedIfEmpty } from './store/seed';
import { startDemoStream } from './generate/stream';
import type { TelemetryStore } from './store';

/** The store at `config.database`, created with the demo fleet when new (the service and the CLIs share it). */
export function openConfiguredStore(config: TelemetryConfig) {
  return openTelemetryStore({
    location: config.database,
    seedIfEmpty: (store) =>
      seedIfEmpty(store, {
        seed: config.seed,
        sensors: config.demoSensors,
        flights: config.demoFlights,
        now: Date.now(),
      }),
  });
}

export async function startTelemetry(config: TelemetryConfig): Promise<RunningService> {
  let store: TelemetryStore | undefined;
  const service = await startSubgraph({
    name: 'telemetry',
    config,
    openStore: async () => {
      const opened = await openConfiguredStore(config);
      store = opened.store;
      return opened;
    },
    schema: buildTelemetrySchema,
    context: createContext,
  });
  if (config.streamRateHz === 0 || !store) return service;
  const stream = await startDemoStream(
    store,
    {
      seed: config.seed,
      sensors: config.streamSensors,
      rateHz: config.streamRateHz,
      tickMs: STREAM_TICK_MS,
      flightEveryMs: config.flightEveryMs,
    },
    service.logger,
  );
  return {
    ...service,
    close: async () => {
      await stream.stop();
      await service.close();
    },
  };
}
