/**
 * Persisted operations on the HTTP door: a request that carries only a persisted-query hash
 * (`extensions.persistedQuery.sha256Hash`) found on the caller's partner safelist runs that operation,
 * whatever the key. A safelist-only key never registers new hashes with automatic persisted queries. Whether
 * a safelist-only key may run what it sent is the pipeline's safelist step.
 */
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { Logger } from '@meridian/kit/log';
import type { GatewayContext } from '../request';
import type { Safelist, SafelistDirectory } from './safelists';

export interface SafelistPluginOptions {
  /** Undefined when there is no billing to ask: then no request is resolved from a safelist. */
  readonly safelists: SafelistDirectory | undefined;
  readonly logger: Logger;
}

/** The persisted-query hash of a request; anything else there is Apollo Server's to refuse. */
function persistedHash(request: GraphQLRequest): string | undefined {
  const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | null | undefined;
  const hash = persisted?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** The request without its persisted-query extension, so Apollo neither looks the hash up nor registers it. */
function withoutPersistedQuery(request: GraphQLRequest): void {
  const extensions = { ...request.extensions };
  delete extensions.persistedQuery;
  request.extensions = extensions;
}

/** Requests marked here had their text taken from the partner's safelist. */
const fromSafelist = new WeakSet<GatewayContext>();
/** The hash a request sent in place of its text, when the safelist did not have it. */
const sentHashes = new WeakMap<GatewayContext, string>();

export function isFromSafelist(context: GatewayContext): boolean {
  return fromSafelist.has(context);
}

export function sentHashOf(context: GatewayContext): string | undefined {
  return sentHashes.get(context);
}

export function safelistPlugin(options: SafelistPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const { partnerId } = contextValue.principal;
      const safelistOnly = contextValue.safelistOnly === true;
      const hash = persistedHash(request);
      if (hash === undefined) return;
      if (request.query !== undefined) {
        // A safelist-only key never adds to the automatic persisted queries every caller shares.
        if (safelistOnly) withoutPersistedQuery(request);
        return;
      }
      let safelist: Safelist | undefined;
      if (partnerId && options.safelists) {
        try {
          safelist = await options.safelists.get(partnerId);
        } catch (error) {
          options.logger.warn({ err: error, partnerId }, 'safelist lookup failed');
        }
      }
      const listed = safelist?.get(hash);
      if (listed !== undefined) {
        request.query = listed;
        withoutPersistedQuery(request);
        fromSafelist.add(contextValue);
        return;
      }
      // Apollo Server answers PERSISTED_QUERY_NOT_FOUND for a hash it has not seen either; one it has is
      // refused by the pipeline's safelist step for a safelist-only key. Errors thrown here would be 500s.
      sentHashes.set(contextValue, hash);
    },
  };
}
