/** What every telemetry resolver receives: fresh loaders for each request, and the store for listings. */
import { createLoaders, type TelemetryLoaders } from './loaders';
import type { TelemetryStore } from './store';

export interface TelemetryContext {
  readonly loaders: TelemetryLoaders;
  readonly store: TelemetryStore;
}

export function createContext(store: TelemetryStore): TelemetryContext {
  return { loaders: createLoaders(store), store };
}
