/** What every billing resolver receives: fresh loaders for each request, and the store for listings. */
import { createLoaders, type BillingLoaders } from './loaders';
import type { BillingStore } from './store';

export interface BillingContext {
  readonly loaders: BillingLoaders;
  readonly store: BillingStore;
}

export function createContext(store: BillingStore): BillingContext {
  return { loaders: createLoaders(store), store };
}
