/** What every matches resolver receives: fresh loaders for each request, and the store for listings. */
import { createLoaders, type MatchesLoaders } from './loaders';
import type { MatchesStore } from './store';

export interface MatchesContext {
  readonly loaders: MatchesLoaders;
  readonly store: MatchesStore;
}

export function createContext(store: MatchesStore): MatchesContext {
  return { loaders: createLoaders(store), store };
}
