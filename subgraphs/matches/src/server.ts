/** Starts the matches subgraph: its store (created, migrated and seeded on first start), schema and HTTP. */
import { startSubgraph, type RunningService } from '@meridian/kit';
import type { MatchesConfig } from './config';
import { createContext } from './context';
import { buildMatchesSchema } from './schema';
import { openMatchesStore } from './store';

export function startMatches(config: MatchesConfig): Promise<RunningService> {
  return startSubgraph({
    name: 'matches',
    config,
    openStore: () =>
      openMatchesStore({
        location: config.database,
        seed: config.seed,
        trackedMatches: config.trackedDemoMatches,
      }),
    schema: buildMatchesSchema,
    context: createContext,
  });
}
