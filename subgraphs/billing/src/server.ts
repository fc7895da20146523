/** Starts the billing subgraph: its store (created, migrated and seeded on first start), schema and HTTP. */
import { startSubgraph, type RunningService, type SubgraphConfig } from '@meridian/kit';
import { createContext } from './context';
import { buildBillingSchema } from './schema';
import { openBillingStore } from './store';

export function startBilling(config: SubgraphConfig): Promise<RunningService> {
  return startSubgraph({
    name: 'billing',
    config,
    openStore: () => openBillingStore({ location: config.database, seed: config.seed }),
    schema: buildBillingSchema,
    context: createContext,
  });
}
