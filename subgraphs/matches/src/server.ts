/** Starts the matches subgraph: its store (created, migrated and seeded on first start), schema and HTTP. */
import { startSubgraph, type RunningService, type SubgraphConfig } from '@meridian/kit';
import { createContext } from './context';
import { buildMatchesSchema } from './schema';
import { openMatchesStore } from './store';

export function startMatches(config: SubgraphConfig): Promise<RunningService> {
  return startSubgraph({
    name: 'matches',
    config,
    openStore: () => openMatchesStore({ location: config.database, seed: config.seed }),
    schema: buildMatchesSchema,
    context: createContext,
  });
}
