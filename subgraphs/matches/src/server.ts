/**
 * Starts the matches subgraph: its store (created, migrated and seeded on first start), schema, HTTP and
 * graphql-ws, and the replay of the demo match that feeds the live subscriptions.
 */
import { startSubgraph, type RunningService } from '@meridian/kit';
import type { MatchesConfig } from './config';
import { createContext } from './context';
import { startReplay } from './live/replayer';
import { liveTopics } from './live/topics';
import { buildMatchesSchema } from './schema';
import { seedIfEmpty } from './seed';
import { openMatchesStore } from './store';

export function startMatches(config: MatchesConfig): Promise<RunningService> {
  const topics = liveTopics(config.liveTopicPrefix);
  return startSubgraph({
    name: 'matches',
    config,
    openStore: () =>
      openMatchesStore({
        location: config.database,
        seedIfEmpty: (fresh) =>
          seedIfEmpty(fresh, { seed: config.seed, trackedMatches: config.trackedDemoMatches }),
      }),
    schema: buildMatchesSchema,
    context: (store, scope) => createContext(store, { pubSub: scope.pubSub, topics }),
    subscriptions: true,
    background: async (store, pubSub, logger) => {
      const matchId = config.replayMatchId;
      if (matchId === null) return { close: async () => undefined };
      const [match] = await store.matchesByIds([matchId]);
      const [period] = await store.periodsByMatchIds([matchId]);
      if (!match || !period) {
        logger.warn(`not replaying ${matchId}: the store has no tracking for it`);
        return { close: async () => undefined };
      }
      logger.info(`replaying ${matchId} live at ${config.replaySpeed}x, in a loop`);
      return startReplay(store, pubSub, {
        matchId,
        speed: config.replaySpeed,
        loop: true,
        topics,
        onError: (error) =>
          logger.warn({ err: error }, `the replay of ${matchId} paused: it cannot read its frames`),
      });
    },
  });
}
