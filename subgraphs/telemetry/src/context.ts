/**
 * What every telemetry resolver receives: fresh loaders for each request, the store for listings, who is
 * calling and whose fleet data that lets them reach, the pub/sub subscriptions listen on, and the publisher
 * ingest tells what it wrote.
 */
import type { RequestScope } from '@meridian/kit';
import type { PubSub } from 'type-graphql';
import { accessOf, type TelemetryAccess } from './access';
import { createLivePublisher, type LivePublisher } from './live/publisher';
import { createLoaders, type TelemetryLoaders } from './loaders';
import type { TelemetryStore } from './store';

export interface TelemetryContext {
  readonly loaders: TelemetryLoaders;
  readonly store: TelemetryStore;
  readonly principal: RequestScope['principal'];
  readonly access: TelemetryAccess;
  readonly pubSub: PubSub;
  readonly live: LivePublisher;
}

export function createContext(store: TelemetryStore, scope: RequestScope): TelemetryContext {
  const access = accessOf(scope.principal);
  return {
    loaders: createLoaders(store, access),
    store,
    principal: scope.principal,
    access,
    pubSub: scope.pubSub,
    live: createLivePublisher(store, scope.pubSub),
  };
}
