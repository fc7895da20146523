/**
 * Persisted operations on the HTTP door: a request that carries only a persisted-query hash
 * (`extensions.persistedQuery.sha256Hash`) found on the caller's partner safelist runs that operation,
 * whatever the key. A safelist-only key never registers new hashes with automatic persisted queries, and a
 * hash it sends that is on no list is PERSISTED_QUERY_NOT_FOUND. Whether a safelist-only key may run what it
 * sent is the pipeline's safelist step.
 */
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { refusal, type Logger } from '@meridian/kit';
import type { GatewayContext } from '../context';
import type { Safelist, SafelistDirectory } from './safelists';
import { HOW_TO_REGISTER } from './step';

export interface SafelistPluginOptions {
  /** Undefined when there is no billing to ask: then no request is resolved from a safelist. */
  readonly safelists: SafelistDirectory | undefined;
  readonly logger: Logger;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function persistedHash(request: GraphQLRequest): string | undefined {
  const persisted: unknown = request.extensions?.persistedQuery;
  if (persisted === undefined || persisted === null) return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
    throw refusal(
      'BAD_REQUEST',
      'extensions.persistedQuery.sha256Hash must be the SHA-256 of the operation as 64 hexadecimal digits',
    );
  }
  return hash.toLowerCase();
}

/** The request without its persisted-query extension, so Apollo neither looks the hash up nor registers it. */
function withoutPersistedQuery(request: GraphQLRequest): void {
  const extensions = { ...request.extensions };
  delete extensions.persistedQuery;
  request.extensions = extensions;
}

/** Requests marked here had their text taken from the partner's safelist. */
const fromSafelist = new WeakSet<GatewayContext>();

export function isFromSafelist(context: GatewayContext): boolean {
  return fromSafelist.has(context);
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
      if (safelistOnly) {
        throw refusal(
          'PERSISTED_QUERY_NOT_FOUND',
          `this API key accepts only safelisted operations and ${hash} is not on its partner's safelist; ${HOW_TO_REGISTER}`,
          { reason: 'safelist', operationId: hash },
        );
      }
    },
  };
}
