/**
 * The HTTP door of the edge pipeline, as one Apollo Server plugin. Apollo parses (with the token limit) and
 * validates; this plugin refuses what HTTP cannot run (no operation selected, a subscription), hands the
 * operation to the pipeline, and writes what the pipeline decided into the answer: `extensions.cost` (the
 * estimate, the actual cost, the limit and what is left), `extensions.quota` for overage, and the
 * `RateLimit-Policy` / `RateLimit` headers. An answer that cost more than its estimate is charged the rest.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { refusal } from '@meridian/kit/refusals';
import type { GatewayContext } from './request';
import { actualCost } from './limits/cost';
import { rateLimitHeaders } from './limits/rate-limits';
import {
  chargeActualCost,
  recordLoginFailure,
  type LoginThrottle,
  type RateLimitOptions,
} from './limits/steps';
import type { EdgePipeline } from './pipeline';
import { isFromSafelist, sentHashOf } from './safelist';

interface CostExtension {
  readonly estimated: number;
  readonly actual?: number;
  readonly limit: number;
  /** Cost points left in the caller's current rate-limit window. */
  readonly remaining?: number;
}

/** `extensions.quota` of an operation served beyond the monthly quota, billed as overage. */
interface QuotaExtension {
  readonly overage: true;
}

export interface HttpDoorOptions {
  readonly pipeline: EdgePipeline;
  readonly maxCost: number;
  readonly rates: RateLimitOptions;
  readonly loginThrottle: LoginThrottle;
}

export function httpDoor(options: HttpDoorOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request, contextValue, queryHash }) {
          if (!operation) {
            throw refusal(
              'OPERATION_RESOLUTION_FAILURE',
              request.operationName
                ? `the document has no operation named ${JSON.stringify(request.operationName).slice(0, 200)}`
                : 'the document has several operations: name the one to run in operationName',
            );
          }
          if (operation.operation === 'subscription') {
            throw refusal(
              'BAD_REQUEST',
              'subscriptions run over websockets (graphql-ws protocol) at this same /graphql address, not over HTTP',
            );
          }
          await options.pipeline.run({
            door: 'http',
            context: contextValue,
            schema,
            document,
            operation,
            variables: request.variables ?? {},
            queryHash,
            fromSafelist: isFromSafelist(contextValue),
            persistedHash: sentHashOf(contextValue),
          });
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const { ledger } = contextValue;
          if (ledger.loginAccount !== undefined && (result.errors?.length ?? 0) > 0) {
            await recordLoginFailure(options.rates.limits, options.loginThrottle, ledger.loginAccount);
          }
          if (ledger.estimatedCost !== undefined && ledger.costInput) {
            if (result.data) {
              ledger.actualCost = actualCost(ledger.costInput, result.data);
              const charging = chargeActualCost(options.rates, contextValue);
              if (charging) await charging;
            }
            // One shape for every answer; a figure not known is left undefined, which JSON leaves out.
            const cost: CostExtension = {
              estimated: ledger.estimatedCost,
              actual: ledger.actualCost,
              limit: options.maxCost,
              remaining: ledger.costRemaining,
            };
            result.extensions = result.extensions ? { ...result.extensions, cost } : { cost };
          }
          if (ledger.overage) {
            const quota: QuotaExtension = { overage: true };
            result.extensions = result.extensions ? { ...result.extensions, quota } : { quota };
          }
          if (!ledger.rateStates || ledger.rateStates.length === 0) return;
          const headers = rateLimitHeaders(ledger.rateStates);
          response.http.headers.set('ratelimit-policy', headers.policy);
          response.http.headers.set('ratelimit', headers.limit);
        },
      };
    },
  };
}
