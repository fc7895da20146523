/** Starts the telemetry subgraph: its store (created, migrated and seeded on first start), schema and HTTP. */
import { startSubgraph, type RunningService, type SubgraphConfig } from '@meridian/kit';
import { createContext } from './context';
import { buildTelemetrySchema } from './schema';
import { openTelemetryStore } from './store';

export function startTelemetry(config: SubgraphConfig): Promise<RunningService> {
  return startSubgraph({
    name: 'telemetry',
    config,
    openStore: () => openTelemetryStore({ location: config.database, seed: config.seed }),
    schema: buildTelemetrySchema,
    context: createContext,
  });
}
