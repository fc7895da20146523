/**
 * The gateway: one GraphQL endpoint over the subgraphs, planned from the committed supergraph with the
 * subgraph URLs from config. The request pipeline is wired here, in order, so it can be read in one place.
 */
import { ApolloGateway } from '@apollo/gateway';
import { Redis } from 'ioredis';
import { createLogger, startHttpService, type RunningService } from '@meridian/kit';
import type { GatewayConfig } from './config';
import { authorizationPlugin, KeyDirectory, readAccessPolicies, supergraphForPlanner } from './auth';
import { createContext } from './context';
import { SubgraphDataSource } from './datasource';
import { explorerLandingPage } from './explorer';
import { limitsPlugin, planRate, rateLimitPlugin, RateLimits, readCostDirectives } from './limits';
import { meteringPlugin, Shipper, Spool } from './metering';
import { GatewayMetrics, metricsPlugin } from './observability';
import { checkReadiness } from './readiness';
import { loadSupergraph } from './supergraph';

export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.logLevel);
  const supergraph = loadSupergraph(config.supergraphFile, config.subgraphUrls);
  const urls = new Map(supergraph.subgraphs.map(({ name, url }) => [name, url]));
  const metrics = new GatewayMetrics();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForPlanner(supergraph.sdl),
    logger,
    buildService: ({ name }) =>
      new SubgraphDataSource({
        name,
        url: urls.get(name) as string,
        timeoutMs: config.subgraphTimeoutMs,
        mode: config.mode,
        logger,
        principalSecret: config.principalSecret,
        metrics,
      }),
  });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false }) : undefined;
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'Redis connection error'));
  const rateLimits = new RateLimits(config.redisKeyPrefix, redis);
  const billingUrl = urls.get('billing');
  const keys = billingUrl
    ? new KeyDirectory({
        lookupUrl: new URL('/internal/keys/lookup', billingUrl).toString(),
        internalToken: config.internalToken,
        ttlMs: config.keyCacheTtlMs,
        maxEntries: config.keyCacheSize,
        timeoutMs: config.subgraphTimeoutMs,
      })
    : undefined;
  const meteringUrl =
    config.metering.url ?? (billingUrl && new URL('/internal/usage', billingUrl).toString());
  if (!meteringUrl) logger.warn('no billing subgraph and no METERING_URL: usage is not metered');
  const spool = new Spool(config.metering.spoolDir);
  const shipper = meteringUrl
    ? new Shipper({
        spool,
        url: meteringUrl,
        internalToken: config.internalToken,
        intervalMs: config.metering.intervalMs,
        batchSize: config.metering.batchSize,
        timeoutMs: config.subgraphTimeoutMs,
        logger,
      })
    : undefined;
  const http = await startHttpService({
    name: 'gateway',
    host: config.host,
    port: config.port,
    mode: config.mode,
    logger,
    apollo: {
      gateway,
      parseOptions: { maxTokens: config.limits.maxTokens },
      plugins: [
        metricsPlugin(metrics),
        authorizationPlugin({
          policies: readAccessPolicies(supergraph.sdl),
          anonymousIntrospection: config.mode === 'development',
        }),
        limitsPlugin({ ...config.limits, directives: readCostDirectives(supergraph.sdl) }),
        rateLimitPlugin({
          limits: rateLimits,
          policyFor: (context) => (context.plan ? planRate(context.plan) : config.anonymousRate),
        }),
        ...(shipper ? [meteringPlugin(spool, shipper)] : []),
        ...(config.mode === 'development' ? [explorerLandingPage()] : []),
      ],
    },
    context: async (request) => {
      try {
        return await createContext(request, { keys, anonymousScopes: config.anonymousScopes });
      } catch (error) {
        metrics.rejection(
          String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'UNKNOWN'),
        );
        throw error;
      }
    },
    health: async () => undefined,
    routes: (app) => {
      // The developer portal will be served here; until it is built, `/` leads to the GraphQL endpoint.
      app.get('/', (_req, res) => res.redirect('/graphql'));
      app.get('/metrics', async (_req, res) => {
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      });
      app.get('/readyz', async (_req, res) => {
        const readiness = await checkReadiness(supergraph.subgraphs, config.readinessTimeoutMs);
        res.status(readiness.ready ? 200 : 503).json(readiness);
      });
    },
  });
  shipper?.start();
  logger.info({ subgraphs: Object.fromEntries(urls) }, `serving ${config.supergraphFile}`);
  return {
    name: 'gateway',
    url: http.url,
    logger,
    close: async () => {
      await http.close();
      await shipper?.stop();
      redis?.disconnect();
    },
  };
}
