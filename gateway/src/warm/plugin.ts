/**
 * Warm start: the operations partners put on their safelists, and the explorer's examples, are planned while
 * the gateway starts, so the first request of each after a deploy finds its query plan as the thousandth does.
 *
 * How: an Apollo Server plugin whose `serverWillStart` runs once `ApolloGateway` has loaded the supergraph and
 * before the HTTP server listens. It asks billing for every distinct safelisted operation (newest first, at
 * most `maxOperations`), plans the examples and then those with the gateway's own planner, and puts each plan
 * in the gateway's own plan store under the exact key its executor looks under (`plan-store.ts`, the one place
 * that reaches the gateway's private members, with a test that fails if an upgrade moves them). The plans
 * are the ones a request would have built, in the cache a request reads: nothing is executed, no subgraph is
 * called, and no request is made up.
 *
 * Apollo Server's document store (parsed and validated documents by query hash) is not filled: reaching it
 * takes either a made-up request through `executeOperation`, which every plugin of the pipeline would see
 * (metrics, metering, rate limits, deduplication), or copying Apollo Server's private key scheme (a hash of
 * the printed schema before the query hash). Planning the operations here parses and validates each one, so
 * that code is warm and a first request spends well under a millisecond on it, against several to tens of
 * milliseconds for a plan (see the warm start section of the gateway's README).
 *
 * Bounded: at most `maxOperations` operations and `budgetMs` of planning; what is left is planned by its first
 * request, as before. Readiness does not depend on billing: when the listing fails or times out
 * (`timeoutMs`), the gateway logs a warning and starts with the examples planned. Once started, every plan
 * the executor has to build itself is counted as `meridian_gateway_query_plans_built_total{when="request"}`
 * (those built here as `when="start"`). The supergraph is loaded once; a gateway that reloaded it would
 * clear its plans, and those would be built again by requests.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@meridian/kit/log';
import { EXAMPLE_QUERY, EXPLORER_EXAMPLE_QUERY } from '../examples';
import type { GatewayMetrics } from '../observability';
import type { SafelistDirectory } from '../safelist';
import { openPlanStore, type GatewayPlanStore } from './plan-store';
import { planOperations, type WarmOperation } from './warm-start';

export interface WarmStartSettings {
  /** Off: nothing is planned at start (plans built by requests are still counted). */
  readonly enabled: boolean;
  /** Operation texts planned at most, the examples included. */
  readonly maxOperations: number;
  /** Time planning may take before the gateway listens. */
  readonly budgetMs: number;
  /** How long billing may take to list the safelisted operations. */
  readonly timeoutMs: number;
}

/** Operations every gateway plans first: what the explorer opens with and what `npm start` prints. */
const EXAMPLE_OPERATIONS: readonly WarmOperation[] = [EXPLORER_EXAMPLE_QUERY, EXAMPLE_QUERY].map((text) => ({
  text,
  source: 'example',
}));

export interface WarmStartOptions {
  readonly gateway: ApolloGateway;
  /** Where safelisted operations are listed; undefined without billing, and then only the examples are planned. */
  readonly safelists: SafelistDirectory | undefined;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly settings: WarmStartSettings;
}

async function safelistedOperations(options: WarmStartOptions): Promise<readonly WarmOperation[]> {
  const { safelists, settings, logger } = options;
  if (!safelists) return [];
  try {
    const room = Math.max(settings.maxOperations - EXAMPLE_OPERATIONS.length, 1);
    const listed = await safelists.recentOperations(room, settings.timeoutMs);
    if (listed.truncated) {
      logger.info(
        { listed: listed.operations.length },
        'billing has more safelisted operations than are planned at start',
      );
    }
    return listed.operations.map(({ text }) => ({ text, source: 'safelist' }));
  } catch (error) {
    logger.warn(
      { err: error },
      'billing could not list the safelisted operations: starting with the examples planned only',
    );
    return [];
  }
}

export function warmStartPlugin(options: WarmStartOptions): ApolloServerPlugin {
  const { gateway, metrics, logger, settings } = options;
  return {
    async serverWillStart({ schema }) {
      let store: GatewayPlanStore;
      try {
        store = openPlanStore(gateway);
      } catch (error) {
        logger.warn({ err: error }, 'query plans are neither built at start nor counted');
        return;
      }
      store.watchBuilds(() => metrics.planBuilt('request'));
      if (!settings.enabled) return;
      const operations = [...EXAMPLE_OPERATIONS, ...(await safelistedOperations(options))];
      try {
        const report = await planOperations(store, schema, operations, settings, logger, () =>
          metrics.planBuilt('start'),
        );
        logger.info(
          {
            examples: report.planned.example,
            plans: report.plans,
            skipped: report.skipped,
            left: report.left,
          },
          `planned ${report.planned.safelist} safelisted operations in ${Math.round(report.ms)} ms`,
        );
      } catch (error) {
        // The gateway serves without the plans: requests build them, as they did before warm start.
        logger.warn({ err: error }, 'planning the operations at start failed');
      }
    },
  };
}
