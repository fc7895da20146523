/** Records every answered operation in the gateway's metrics: outcome, plan, latency and rejection code. */
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../request';
import { outcomeOf } from '../metering';
import type { GatewayMetrics } from './metrics';

export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, contextValue, operationName }) {
          const status = response.http.status ?? 200;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const outcome = outcomeOf(status, errors);
          if (outcome === 'rejected') metrics.rejection(String(errors[0]?.extensions?.code ?? 'UNKNOWN'));
          const plan = contextValue.plan?.name ?? 'anonymous';
          metrics.request(operationName, outcome, plan, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
