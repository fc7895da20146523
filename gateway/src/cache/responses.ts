/**
 * Whole responses, cached when every part of them may be: a query whose answer was fetched (from subgraphs or
 * from the answer cache) without errors, with a `max-age` on every part, is kept as the response it gave, so
 * the next identical request skips planning and execution altogether. "Identical" is what deduplication
 * means by it (`dedup/identity.ts`): the same document, operation and variables, and, unless every part was
 * `public`, the same caller identity as subgraphs see it.
 *
 * The request still passes the whole edge first (this is asked in `responseForOperation`, after every check
 * of `didResolveOperation`), and is metered on its own. A response is dropped when any subgraph it was made
 * of announces a change, and is never stored when one did while the request ran; it is kept no longer than
 * its shortest-lived part had left. Only requests that executed store their response: one that shared
 * another's execution may have begun after a change that execution did not see.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../request';
import { identityKey, variablesKey } from '../dedup/identity';
import { ageOf, noteAge } from './answers';
import type { AnswerCache, Generations } from './store';

export function responseCachePlugin(cache: AnswerCache): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let pending: { keys: readonly [string, string]; before: Generations } | undefined;
      let executed = false;
      return {
        async responseForOperation({ operation, queryHash, request, contextValue, overallCachePolicy }) {
          if (operation.operation !== 'query') return null;
          const variables = variablesKey(request.variables);
          if (variables === undefined) return null;
          const base = `${queryHash}\n${request.operationName ?? ''}\n${variables}`;
          const keys = [
            `response\nshared\n${base}`,
            `response\nprivate\n${identityKey(contextValue.principal)}\n${base}`,
          ] as const;
          const hit = cache.getResponse(keys[0]) ?? cache.getResponse(keys[1]);
          if (!hit) {
            cache.responses.misses += 1;
            pending = { keys, before: cache.snapshot() };
            return null;
          }
          cache.responses.hits += 1;
          for (const subgraph of hit.subgraphs) contextValue.ledger.subgraphs.add(subgraph);
          overallCachePolicy.restrict({ maxAge: hit.maxAge, scope: hit.shared ? 'PUBLIC' : 'PRIVATE' });
          noteAge(contextValue, hit.ageAtStoreMs + Date.now() - hit.storedAt);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: JSON.parse(hit.json) as Record<string, unknown> } },
          };
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response, overallCachePolicy, contextValue }) {
          if (!pending || !executed) return;
          const { keys, before } = pending;
          pending = undefined;
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          if ((response.http.status ?? 200) !== 200) return;
          const policy = overallCachePolicy.policyIfCacheable();
          if (!policy) return;
          const shared = policy.scope === 'PUBLIC';
          cache.setResponse(
            shared ? keys[0] : keys[1],
            {
              json: JSON.stringify(response.body.singleResult.data),
              storedAt: Date.now(),
              maxAge: policy.maxAge,
              shared,
              ageAtStoreMs: ageOf(contextValue) ?? 0,
              subgraphs: [...contextValue.ledger.subgraphs],
            },
            before,
          );
        },
      };
    },
  };
}
