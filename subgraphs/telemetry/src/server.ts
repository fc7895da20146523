/** Starts the telemetry subgraph: its store (created, migrated and seeded on first start), schema and HTTP. */
import { startSubgraph, type RunningService } from '@meridian/kit';
import type { TelemetryConfig } from './config';
import { createContext } from './context';
import { buildTelemetrySchema } from './schema';
import { openTelemetryStore } from './store';
import { seedIfEmpty } from './store/seed';

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

export function startTelemetry(config: TelemetryConfig): Promise<RunningService> {
  return startSubgraph({
    name: 'telemetry',
    config,
    openStore: () => openConfiguredStore(config),
    schema: buildTelemetrySchema,
    context: createContext,
  });
}
