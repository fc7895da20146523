/**
 * The gateway: one GraphQL endpoint over the subgraphs, planned from the committed supergraph with the
 * subgraph URLs from config. The request pipeline is wired here, in order, so it can be read in one place:
 * identity (the context), persisted operations and safelists, authorization, operation limits and cost, rate
 * limits and quotas, planning and execution by `@apollo/gateway` with the signed principal, metering.
 */
import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { readAccessPolicies } from '@meridian/kit/access';
import { startHttpService } from '@meridian/kit/http';
import type { RunningService } from '@meridian/kit/lifecycle';
import { createLogger } from '@meridian/kit/log';
import { authorizationStep, supergraphForPlanner } from './auth';
import type { GatewayConfig } from './config';
import { API_KEY_HEADER } from './auth/identify';
import { connectionCredentials } from './auth/connection-credentials';
import { compressAnswers } from './compression';
import { cacheHeadersPlugin, createAnswerCache, responseCachePlugin } from './cache';
import { SubgraphDataSource } from './datasource';
import { deduplicationPlugin } from './dedup';
import { createEdge } from './edge';
import { explorerRedirect } from './explorer';
import { createIngestProxy, EDGE_INGEST_PATH } from './ingest/proxy';
import { sessionCookiePlugin, sessionCookieRoutes } from './auth/session-cookie';
import { httpDoor } from './http-door';
import {
  costStep,
  loginThrottleStep,
  operationLimitsStep,
  rateLimitStep,
  readCostDirectives,
} from './limits';
import { createMetering, MessageMeter } from './metering';
import { metricsPlugin, metricsRoute, startTracing } from './observability';
import { EdgePipeline } from './pipeline';
import { servePortal } from './portal';
import { checkReadiness } from './readiness';
import { safelistPlugin, safelistStep } from './safelist';
import { SubscriptionPlanner, SubscriptionService } from './subscriptions';
import { subgraphPool } from './subgraph-fetch';
import { loadSupergraph } from './supergraph';
import { openConnections, warmStartPlugin } from './warm';

/** The headers Apollo Server's CSRF prevention accepts by default as proof of a preflighted request. */
const CSRF_PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.logLevel);
  const tracing = startTracing(config.tracing);
  const supergraph = loadSupergraph(config.supergraphFile, config.subgraphUrls);
  const urls = new Map(supergraph.subgraphs.map(({ name, url }) => [name, url]));
  const edge = createEdge(config, supergraph, logger);
  const pool = subgraphPool();
  const answers = config.cache
    ? createAnswerCache({
        maxBytes: config.cacheBytes,
        subgraphs: supergraph.subgraphs,
        internalToken: config.internalToken,
        logger,
      })
    : undefined;
  const dataSources = new Map(
    supergraph.subgraphs.map(({ name, url }) => [
      name,
      new SubgraphDataSource({
        name,
        url,
        timeoutMs: config.subgraphTimeoutMs,
        mode: config.mode,
        logger,
        principalSecret: config.principalSecret,
        metrics: edge.metrics,
        pool,
        deduplicate: config.deduplicate,
        cache: answers?.cache,
      }),
    ]),
  );
  if (answers) edge.metrics.watchCache(answers.cache);
  edge.metrics.watchSharedFetches(() =>
    Object.fromEntries([...dataSources].map(([name, source]) => [name, source.sharedFetches])),
  );
  const plannable = supergraphForPlanner(supergraph.sdl);
  const gateway = new ApolloGateway({
    supergraphSdl: plannable,
    logger,
    buildService: ({ name }) => dataSources.get(name)!,
  });
  const policies = readAccessPolicies(supergraph.sdl);
  const costDirectives = readCostDirectives(supergraph.sdl);
  const planner = new SubscriptionPlanner(plannable);
  const rates = {
    limits: edge.rateLimits,
    policyFor: edge.policyFor,
    portalAllowance: config.portalAllowance,
  };
  // The edge's rules, in order, for every door; identity ran when the door identified the caller. The shape
  // limits come before authorization: they are bounded work whoever asks, and nothing walks a larger document.
  const safelist = safelistStep(edge.safelists, logger);
  const authorization = authorizationStep({
    policies,
    anonymousIntrospection: config.mode === 'development',
  });
  const pipeline = new EdgePipeline([
    safelist,
    operationLimitsStep(config.limits),
    authorization,
    costStep({ ...config.limits, directives: costDirectives }),
    loginThrottleStep(edge.rateLimits, config.loginThrottle),
    rateLimitStep(rates),
  ]);
  const messages = new MessageMeter(edge.spool, config.metering.intervalMs);
  const subscriptions = new SubscriptionService({
    planner,
    services: Object.fromEntries(dataSources),
    subgraphUrls: new Map([...urls].map(([name, url]) => [name, url])),
    principalSecret: config.principalSecret,
    pipeline,
    access: new EdgePipeline([safelist, authorization]),
    identify: edge.identifyCaller,
    accessRecheckMs: config.accessRecheckMs,
    clientBufferBytes: config.subscriptionBufferBytes,
    anonymousConcurrency: config.anonymousSubscriptions,
    onDelivered: (context, operationName, delivered) => messages.count(context, operationName, delivered),
    logger,
  });
  edge.metrics.watchSubscriptions(() => subscriptions.counts);
  edge.onAccessChange(() => void subscriptions.recheck());
  const telemetryUrl = urls.get('telemetry');
  const metering = edge.shipper ? createMetering(edge.spool, edge.shipper) : undefined;

  if (config.warmStart.enabled) {
    await openConnections(pool, supergraph.subgraphs, config.readinessTimeoutMs, logger);
  }
  const http = await startHttpService({
    name: 'gateway',
    host: config.host,
    port: config.port,
    mode: config.mode,
    drainMs: config.drainMs,
    trustedProxies: config.trustedProxies,
    logger,
    maxQueryBytes: config.limits.maxQueryBytes,
    apollo: {
      gateway,
      parseOptions: { maxTokens: config.limits.maxTokens },
      // A request carrying an API key cannot be a cross-site "simple" request: browsers preflight the header.
      csrfPrevention: { requestHeaders: [...CSRF_PREFLIGHT_HEADERS, API_KEY_HEADER] },
      ...(metering ? { stringifyResult: metering.stringifyResult } : {}),
      plugins: [
        metricsPlugin(edge.metrics),
        // The response's Cache-Control and Age come from the subgraphs' hints (cache/answers.ts), not Apollo's.
        ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
        cacheHeadersPlugin(),
        sessionCookiePlugin(),
        ...(tracing ? [tracing.plugin] : []),
        safelistPlugin({ safelists: edge.safelists, logger }),
        httpDoor({ pipeline, maxCost: config.limits.maxCost, rates, loginThrottle: config.loginThrottle }),
        // Asked after every didResolveOperation: a request is answered from the cache or shares an execution
        // only once the edge let it through.
        ...(answers ? [responseCachePlugin(answers.cache)] : []),
        ...(config.deduplicate
          ? [deduplicationPlugin({ waitMs: config.subgraphTimeoutMs }, edge.metrics.deduplication)]
          : []),
        ...(metering ? [metering.plugin] : []),
        // A browser opening /graphql is sent to the portal's explorer (explorer.ts): no page is served here.
        ApolloServerPluginLandingPageDisabled(),
        // Plans the safelisted and example operations once the supergraph is loaded, before the server listens.
        warmStartPlugin({
          gateway,
          safelists: edge.safelists,
          metrics: edge.metrics,
          logger,
          settings: config.warmStart,
        }),
      ],
    },
    context: edge.identify,
    websocket: {
      schema: planner.apiGraphQLSchema,
      context: (params, { clientAddress }) =>
        edge.identifyCaller({ ...connectionCredentials(params), clientAddress, requestId: randomUUID() }),
      check: (args, source) => subscriptions.check(args, source),
      subscribe: (args, channel) => subscriptions.subscribe(args, channel),
    },
    health: async () => undefined,
    fallback: servePortal(config.portalDir),
    routes: (app) => {
      app.use(compressAnswers());
      if (tracing) {
        app.use('/graphql', tracing.middleware);
        app.use(EDGE_INGEST_PATH, tracing.middleware);
      }
      app.get('/metrics', metricsRoute(edge.metrics, config));
      const billingUrl = urls.get('billing');
      if (billingUrl) {
        sessionCookieRoutes(app, {
          billingUrl,
          internalToken: config.internalToken,
          timeoutMs: config.subgraphTimeoutMs,
        });
      }
      app.get('/graphql', explorerRedirect());
      app.get('/readyz', async (_req, res) => {
        const readiness = await checkReadiness(supergraph.subgraphs, config.readinessTimeoutMs);
        res.status(readiness.ready ? 200 : 503).json(readiness);
      });
      if (telemetryUrl) {
        app.post(
          EDGE_INGEST_PATH,
          createIngestProxy({
            target: new URL('/ingest', telemetryUrl).toString(),
            principalSecret: config.principalSecret,
            identify: edge.identify,
            pipeline,
            schema: planner.apiGraphQLSchema,
            limits: edge.rateLimits,
            policyFor: edge.policyFor,
            spool: edge.shipper ? edge.spool : undefined,
            onMetered: () => edge.shipper?.nudge(),
            timeoutMs: config.subgraphTimeoutMs,
            logger,
          }),
        );
      }
    },
  });
  edge.start();
  answers?.start();
  logger.info({ subgraphs: Object.fromEntries(urls) }, `serving ${config.supergraphFile}`);
  return {
    name: 'gateway',
    url: http.url,
    logger,
    close: async () => {
      // Taken out of the load balancer first, while it still answers what it is sent.
      await http.drain();
      subscriptions.close();
      answers?.close();
      await http.close();
      messages.close();
      await edge.close();
      await pool.close();
      await tracing?.close();
    },
  };
}
