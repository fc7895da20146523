/**
 * The gateway's cache of subgraph answers, as a whole: the store, each subgraph's change feed dropping what
 * it wrote, and the `Cache-Control` and `Age` headers of the gateway's own answers.
 *
 * Headers: an answer is cacheable for as long as its shortest-lived part allows (the fetches' hints, each from
 * its subgraph's `Cache-Control`), and never with errors or for a mutation. It is always `private`: every answer
 * was checked against the caller's key and metered, which a shared cache (a CDN) serving it to others would
 * bypass; a partner's own HTTP cache may keep it. `Age` says how old the oldest cached part is.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { CHANGES_PATH } from '@meridian/contracts';
import type { SubgraphChange } from '@meridian/kit/changes';
import type { Logger } from '@meridian/kit/log';
import type { GatewayContext } from '../request';
import { EventStream } from '../events';
import { AnswerCache } from './store';

/** How long ago the oldest cached part of each request's answer was fetched, in ms, by request context. */
const ages = new WeakMap<object, number>();

/** Notes that a part of the answer of the request with this context came from the cache, `ageMs` old. */
export function noteAge(context: object, ageMs: number): void {
  ages.set(context, Math.max(ages.get(context) ?? 0, ageMs));
}

export function ageOf(context: object): number | undefined {
  return ages.get(context);
}

export function cacheHeadersPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(request) {
          const { response, overallCachePolicy, operation } = request;
          if (response.body.kind !== 'single') return;
          const policy = overallCachePolicy.policyIfCacheable();
          const headers = response.http.headers;
          if (operation && operation.operation !== 'query') {
            // Mutation answers may hold secrets: never stored, and never compressed (see compression.ts).
            headers.set('cache-control', 'no-store, no-transform');
            return;
          }
          if (!policy || !operation || response.body.singleResult.errors) {
            headers.set('cache-control', 'no-store');
            return;
          }
          headers.set('cache-control', `max-age=${policy.maxAge}, private`);
          const age = ages.get(request.contextValue);
          if (age !== undefined) headers.set('age', String(Math.floor(age / 1000)));
        },
      };
    },
  };
}

export interface AnswerCacheOptions {
  readonly maxBytes: number;
  readonly subgraphs: readonly { readonly name: string; readonly url: string }[];
  readonly internalToken: string;
  readonly logger: Logger;
}

/** The store and the change feeds that keep it true; `start` connects the feeds. */
export function createAnswerCache(options: AnswerCacheOptions) {
  const cache = new AnswerCache(options.maxBytes);
  const feeds = options.subgraphs.map(
    ({ name, url }) =>
      new EventStream({
        url: new URL(CHANGES_PATH, url).toString(),
        internalToken: options.internalToken,
        logger: options.logger,
        onConnected: () => cache.setLive(name, true),
        onLost: () => cache.setLive(name, false),
        onEvent: (data) => {
          // A change that cannot be read drops the shared answers too: what changed is unknown.
          const change: Partial<SubgraphChange> =
            typeof data === 'object' && data !== null ? data : { kind: 'unreadable', shared: true };
          cache.invalidate(name, change.shared === true);
          options.logger.debug({ subgraph: name, change }, 'cached answers dropped');
        },
      }),
  );
  return {
    cache,
    /** Resolves once every subgraph's feed has connected (the cache serves a subgraph only then). */
    connected: Promise.all(feeds.map((feed) => feed.connected)),
    start: () => feeds.forEach((feed) => feed.start()),
    close: () => feeds.forEach((feed) => feed.close()),
  };
}
