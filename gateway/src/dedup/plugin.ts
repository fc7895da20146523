/**
 * Identical queries in flight at once share one execution. Each request still passes the whole edge on its
 * own (identity, safelist, authorization, limits, cost, rate limits and quota run before this), is metered
 * on its own and gets its own headers and cost extension; only the planning, the subgraph calls and the
 * executor's work are shared. "Identical" means the same document, operation, variables and caller identity
 * as subgraphs see it (`identityKey`), so an answer filtered for one partner is never given to another.
 * Mutations are never shared. A request that waited for a leader whose execution failed outright runs on
 * its own.
 */
import {
  HeaderMap,
  type ApolloServerPlugin,
  type GraphQLRequestContextWillSendResponse,
} from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { ageOf, noteAge } from '../cache/answers';
import type { GatewayContext } from '../request';
import { identityKey, variablesKey } from './identity';

/**
 * What followers receive of the leader's answer: its data and errors, never its extensions; and how it may be
 * cached, so their `Cache-Control` and `Age` say what the leader's do.
 */
interface SharedAnswer {
  readonly result: Pick<FormattedExecutionResult, 'data' | 'errors'>;
  readonly subgraphs: readonly string[];
  readonly cacheHint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' };
  readonly ageMs: number | undefined;
}

interface Execution {
  readonly answer: Promise<SharedAnswer | undefined>;
  readonly settle: (answer: SharedAnswer | undefined) => void;
  followers: number;
}

export interface DeduplicationOptions {
  /** How long a follower waits for the leader before running on its own. */
  readonly waitMs: number;
}

export interface DeduplicationCounts {
  /** Requests that ran an execution of their own. */
  executed: number;
  /** Requests answered by an execution another request had started. */
  shared: number;
}

export function deduplicationPlugin(
  options: DeduplicationOptions,
  counts: DeduplicationCounts = { executed: 0, shared: 0 },
): ApolloServerPlugin<GatewayContext> {
  const running = new Map<string, Execution>();
  return {
    async requestDidStart() {
      let led: { key: string; execution: Execution } | undefined;
      const finish = (answer: SharedAnswer | undefined) => {
        if (!led) return;
        if (running.get(led.key) === led.execution) running.delete(led.key);
        led.execution.settle(answer);
        led = undefined;
      };
      return {
        async responseForOperation({ operation, queryHash, request, contextValue, overallCachePolicy }) {
          if (operation.operation !== 'query') return null;
          const variables = variablesKey(request.variables);
          // Variables too deep to serialize run on their own; execution refuses them with its usual error.
          if (variables === undefined) return null;
          const key = [
            identityKey(contextValue.principal),
            queryHash,
            request.operationName ?? '',
            variables,
          ].join('\n');
          const leader = running.get(key);
          if (!leader) {
            let settle: Execution['settle'] = () => undefined;
            const answer = new Promise<SharedAnswer | undefined>((resolve) => (settle = resolve));
            const execution = { answer, settle, followers: 0 };
            running.set(key, execution);
            led = { key, execution };
            counts.executed += 1;
            return null;
          }
          leader.followers += 1;
          const shared = await waitAtMost(leader.answer, options.waitMs);
          if (!shared) {
            counts.executed += 1;
            return null;
          }
          counts.shared += 1;
          for (const name of shared.subgraphs) contextValue.ledger.subgraphs.add(name);
          overallCachePolicy.restrict(shared.cacheHint);
          if (shared.ageMs !== undefined) noteAge(contextValue, shared.ageMs);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: structuredClone(shared.result) },
          };
        },
        async executionDidStart() {
          return {
            async executionDidEnd(error) {
              if (error) finish(undefined);
            },
          };
        },
        async willSendResponse(context: GraphQLRequestContextWillSendResponse<GatewayContext>) {
          if (!led) return;
          const { body, http } = context.response;
          if (body.kind !== 'single' || (http.status ?? 200) >= 500) return finish(undefined);
          const { data, errors } = body.singleResult;
          // Copied only when someone waits, and before this request's own hooks add to its answer.
          finish(
            led.execution.followers > 0
              ? {
                  result: structuredClone({ data, errors }),
                  subgraphs: [...context.contextValue.ledger.subgraphs],
                  cacheHint: context.overallCachePolicy.policyIfCacheable() ?? { maxAge: 0 },
                  ageMs: ageOf(context.contextValue),
                }
              : undefined,
          );
        },
      };
    },
  };
}

function waitAtMost<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
