/**
 * The metering step of the request pipeline: one usage event for every operation, allowed or rejected,
 * written to the spool before the response leaves, so billing eventually counts it even if the gateway dies
 * the next moment.
 *
 * The event's bytes are those of the body the client receives, counted from the one serialization Apollo
 * Server makes of it: `willSendResponse` prepares the event, and the server's `stringifyResult` (called after
 * it, and before anything is written to the socket) completes it with the body's length and journals it.
 * Apollo hands `stringifyResult` a new object holding the same `data` and `errors`, so the two are paired by
 * those, in a WeakMap.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from '../request';
import {
  ANONYMOUS_ACCOUNT,
  errorCodeOf,
  isBillable,
  isoTimestamp,
  outcomeOf,
  type UsageEvent,
} from './event';
import type { Shipper } from './shipper';
import type { Spool } from './spool';

/** Characters of the query hash that name an unnamed operation. */
const HASH_PREFIX = 16;

export interface Metering {
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /** Apollo Server's `stringifyResult`: the body, as Apollo writes it by default, and the journalled event. */
  readonly stringifyResult: (result: FormattedExecutionResult) => string;
}

/** What pairs a result with its event: its data, or its errors when it has no data; both survive Apollo's copy. */
function pairingKey(result: FormattedExecutionResult): object | undefined {
  if (result.data && typeof result.data === 'object') return result.data;
  return result.errors;
}

/** An event prepared with its response, waiting for the body's length. */
type WaitingEvent = UsageEvent & { bytes: number };

export function createMetering(spool: Spool, shipper: Shipper): Metering {
  const waiting = new WeakMap<object, WaitingEvent>();
  return {
    plugin: {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ response, contextValue, operationName, queryHash }) {
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            const key = pairingKey(result);
            if (!key) return;
            const { principal, ledger } = contextValue;
            const status = response.http.status ?? 200;
            const outcome = outcomeOf(status, result.errors);
            waiting.set(key, {
              id: randomUUID(),
              occurredAt: isoTimestamp(),
              partnerId: principal.partnerId ?? ANONYMOUS_ACCOUNT,
              keyId: principal.keyId ?? ANONYMOUS_ACCOUNT,
              operation: operationName ?? `anonymous:${(queryHash ?? 'unparsed').slice(0, HASH_PREFIX)}`,
              subgraphs: [...ledger.subgraphs].sort(),
              cost: ledger.actualCost ?? ledger.estimatedCost ?? 0,
              durationMs: Math.round((performance.now() - started) * 1000) / 1000,
              outcome,
              bytes: 0,
              subscriptionMessages: 0,
              billable: isBillable(ledger.metered, outcome),
              requestId: contextValue.requestId || null,
              status,
              errorCode: errorCodeOf(result.errors),
            });
          },
        };
      },
    },
    stringifyResult(result) {
      // The same text as Apollo Server's default serialization.
      const body = `${JSON.stringify(result)}\n`;
      const key = pairingKey(result);
      const event = key && waiting.get(key);
      if (!key || !event) return body;
      waiting.delete(key);
      event.bytes = Buffer.byteLength(body);
      spool.append(event);
      shipper.nudge();
      return body;
    },
  };
}
