/** Starts the telemetry subgraph: its store (created, migrated and seeded on first start), schema and HTTP. */
import { startSubgraph, type RunningService } from '@meridian/kit';
import type { TelemetryConfig } from './config';
import { createContext } from './context';
import { buildTelemetrySchema } from './schema';
import { openTelemetryStore } from './store';
import { seedIfEmpty } from './store/seed';

export function startTelemetry(config: TelemetryConfig): Promise<RunningService> {
  return startSubgraph({
    name: 'telemetry',
    config,
    openStore: () =>
      openTelemetryStore({
        file: config.databaseFile,
        seedIfEmpty: (store) =>
          seedIfEmpty(store, {
            seed: config.seed,
            sensors: config.demoSensors,
            flights: config.demoFlights,
            now: Date.now(),
          }),
      }),
    schema: buildTelemetrySchema,
    context: createContext,
  });
}
