/**
 * The metering step of the request pipeline: one usage event for every operation, allowed or rejected,
 * written to the spool before the response leaves, so billing eventually counts it even if the gateway dies
 * the next moment.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { ANONYMOUS_ACCOUNT, type Outcome, type UsageEvent } from './event';
import type { Shipper } from './shipper';
import type { Spool } from './spool';

/** Characters of the query hash that name an unnamed operation. */
const HASH_PREFIX = 16;

export function meteringPlugin(spool: Spool, shipper: Shipper): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, contextValue, operationName, queryHash }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const status = response.http.status ?? 200;
          const outcome: Outcome = status >= 400 ? 'rejected' : result.errors?.length ? 'error' : 'ok';
          const { principal, ledger } = contextValue;
          const event: UsageEvent = {
            id: randomUUID(),
            occurredAt: new Date().toISOString(),
            partnerId: principal.partnerId ?? ANONYMOUS_ACCOUNT,
            keyId: principal.keyId ?? ANONYMOUS_ACCOUNT,
            operation: operationName ?? `anonymous:${(queryHash ?? 'unparsed').slice(0, HASH_PREFIX)}`,
            subgraphs: [...ledger.subgraphs].sort(),
            cost: ledger.actualCost ?? ledger.estimatedCost ?? 0,
            durationMs: Math.round((performance.now() - started) * 1000) / 1000,
            outcome,
            bytes: Buffer.byteLength(JSON.stringify(result)),
            subscriptionMessages: 0,
          };
          spool.append(event);
          shipper.nudge();
        },
      };
    },
  };
}
