/** What every matches resolver receives: fresh loaders for each request, the store, and live pub/sub. */
import type { PubSub } from 'type-graphql';
import { liveTopics, type LiveTopics } from './live/topics';
import { createLoaders, type MatchesLoaders } from './loaders';
import type { MatchesStore } from './store';

export interface MatchesContext {
  readonly loaders: MatchesLoaders;
  readonly store: MatchesStore;
  /** Live frames and events; null where the schema runs without a service (unit tests, composition). */
  readonly pubSub: PubSub | null;
  readonly topics: LiveTopics;
}

export function createContext(
  store: MatchesStore,
  live: { pubSub: PubSub; topics: LiveTopics } | null = null,
): MatchesContext {
  return {
    loaders: createLoaders(store),
    store,
    pubSub: live?.pubSub ?? null,
    topics: live?.topics ?? liveTopics(),
  };
}
