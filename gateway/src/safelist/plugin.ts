/**
 * The persisted-operations step of the request pipeline. A request that carries only a persisted-query hash
 * (`extensions.persistedQuery.sha256Hash`) found on the caller's partner safelist runs that operation,
 * whatever the key. A key marked safelist-only runs nothing else: an operation whose text is not on the list
 * is FORBIDDEN, a hash not on it is PERSISTED_QUERY_NOT_FOUND, and it never registers new hashes with
 * automatic persisted queries. Refusals happen before planning, so no subgraph is called.
 */
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { Logger } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import type { GatewayContext } from '../context';
import type { Safelist, SafelistDirectory } from './safelists';

export interface SafelistPluginOptions {
  /** Undefined when there is no billing to ask: then no request is resolved from a safelist. */
  readonly safelists: SafelistDirectory | undefined;
  readonly logger: Logger;
}

/** How a partner registers operations, for the messages of refusals. */
const HOW_TO_REGISTER =
  'register it with the registerOperations mutation (a developer of the partner or an admin), then send its text or its SHA-256 as extensions.persistedQuery.sha256Hash';

function persistedHash(request: GraphQLRequest): string | undefined {
  const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/** The request without its persisted-query extension, so Apollo neither looks the hash up nor registers it. */
function withoutPersistedQuery(request: GraphQLRequest): void {
  const extensions = { ...request.extensions };
  delete extensions.persistedQuery;
  request.extensions = extensions;
}

export function safelistPlugin(options: SafelistPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const { partnerId } = contextValue.principal;
      const safelistOnly = contextValue.safelistOnly === true;
      const hash = persistedHash(request);
      const hashOnly = hash !== undefined && request.query === undefined;
      if (!partnerId || !options.safelists || (!safelistOnly && !hashOnly)) {
        return safelistOnly ? refuseAll() : undefined;
      }
      let safelist: Safelist | undefined;
      try {
        safelist = await options.safelists.get(partnerId);
      } catch (error) {
        options.logger.warn({ err: error, partnerId }, 'safelist lookup failed');
      }
      let fromSafelist = false;
      if (hashOnly && safelist?.has(hash)) {
        request.query = safelist.get(hash);
        withoutPersistedQuery(request);
        fromSafelist = true;
      } else if (safelistOnly && hash !== undefined && !hashOnly) {
        // A safelist-only key never adds to the automatic persisted queries every caller shares.
        withoutPersistedQuery(request);
      }
      if (!safelistOnly) return undefined;
      return {
        async didResolveOperation({ queryHash }) {
          if (fromSafelist) return;
          if (!safelist) {
            throw codedError(
              'SERVICE_UNAVAILABLE',
              "the partner's safelist cannot be read right now; retry shortly",
              {
                http: { status: 503 },
              },
            );
          }
          if (queryHash !== undefined && safelist.has(queryHash)) return;
          if (hashOnly) {
            throw codedError(
              'PERSISTED_QUERY_NOT_FOUND',
              `this API key accepts only safelisted operations and ${hash} is not on its partner's safelist; ${HOW_TO_REGISTER}`,
              { reason: 'safelist', operationId: hash },
            );
          }
          throw codedError(
            'FORBIDDEN',
            `this API key accepts only safelisted operations${hash === undefined ? '' : ', and cannot register persisted queries'}; the operation ${queryHash} is not on its partner's safelist: ${HOW_TO_REGISTER}`,
            { reason: 'safelist', operationId: queryHash, http: { status: 403 } },
          );
        },
      };
    },
  };
}

/** A safelist-only call that no safelist can serve (no billing, or no partner): every operation is refused. */
function refuseAll() {
  return {
    async didResolveOperation() {
      throw codedError('SERVICE_UNAVAILABLE', 'safelisted operations cannot be checked on this gateway', {
        http: { status: 503 },
      });
    },
  };
}
