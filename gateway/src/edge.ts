/**
 * The parts of the edge that live as long as the gateway: the key directory, partners' safelists, rate-limit
 * counters (Redis when configured), the usage spool and its shipper, and the metrics. `server.ts` wires them
 * into the pipeline.
 */
import { BILLING_ROUTES } from '@meridian/contracts';
import type { Logger } from '@meridian/kit/log';
import { refusal } from '@meridian/kit/refusals';
import type { Request } from 'express';
import { Redis } from 'ioredis';
import { KeyChangeFeed, KeyDirectory, SessionDirectory } from './auth';
import type { GatewayConfig } from './config';
import { callerOf, identifyCaller as identify } from './auth/identify';
import type { Caller, GatewayContext } from './request';
import { planRate, RATE_WINDOW_SECONDS, RateLimits, type RatePolicy } from './limits';
import { SafelistDirectory } from './safelist';
import { Shipper, Spool } from './metering';
import { GatewayMetrics } from './observability';
import type { LoadedSupergraph } from './supergraph';

export interface Edge {
  readonly metrics: GatewayMetrics;
  readonly keys: KeyDirectory | undefined;
  /** Partners' safelists; undefined without billing. */
  readonly safelists: SafelistDirectory | undefined;
  readonly rateLimits: RateLimits;
  readonly spool: Spool;
  /** Undefined when there is no billing to ship usage to. */
  readonly shipper: Shipper | undefined;
  /** The identity step: the caller's context, or a thrown UNAUTHENTICATED with the reason. */
  identify(request: Request): Promise<GatewayContext>;
  /** The same for a caller that is not an HTTP request (a websocket's `connection_init`). */
  identifyCaller(caller: Caller): Promise<GatewayContext>;
  policyFor(context: GatewayContext): RatePolicy;
  /** Called after billing announced a change of keys, partners or plans, once the caches forgot it. */
  onAccessChange(listener: () => void): void;
  start(): void;
  close(): Promise<void>;
}

/** A subgraph's base URL with another path, e.g. billing's internal routes. */
function at(subgraphUrl: string | undefined, path: string): string | undefined {
  return subgraphUrl ? new URL(path, subgraphUrl).toString() : undefined;
}

export function createEdge(config: GatewayConfig, supergraph: LoadedSupergraph, logger: Logger): Edge {
  const billingUrl = supergraph.subgraphs.find((subgraph) => subgraph.name === 'billing')?.url;
  const metrics = new GatewayMetrics();
  const lookupUrl = at(billingUrl, BILLING_ROUTES.keyLookup);
  const keys = lookupUrl
    ? new KeyDirectory({
        lookupUrl,
        internalToken: config.internalToken,
        ttlMs: config.keyCacheTtlMs,
        maxEntries: config.keyCacheSize,
        timeoutMs: config.subgraphTimeoutMs,
        onLookup: (hit) => metrics.keyLookup(hit),
      })
    : undefined;
  const sessionsUrl = at(billingUrl, BILLING_ROUTES.sessionLookup);
  const sessions = sessionsUrl
    ? new SessionDirectory({
        lookupUrl: sessionsUrl,
        internalToken: config.internalToken,
        ttlMs: config.sessionCacheTtlMs,
        maxEntries: config.keyCacheSize,
        timeoutMs: config.subgraphTimeoutMs,
      })
    : undefined;
  const safelistsUrl = at(billingUrl, BILLING_ROUTES.safelistLookup);
  const safelists = safelistsUrl
    ? new SafelistDirectory({
        lookupUrl: safelistsUrl,
        operationsUrl: at(billingUrl, BILLING_ROUTES.safelistOperations)!,
        internalToken: config.internalToken,
        ttlMs: config.safelistCacheTtlMs,
        maxBytes: config.safelistCacheBytes,
        timeoutMs: config.subgraphTimeoutMs,
      })
    : undefined;
  const changesUrl = at(billingUrl, BILLING_ROUTES.keyChanges);
  const changes =
    keys && changesUrl
      ? new KeyChangeFeed(changesUrl, config.internalToken, keys, logger, safelists, sessions)
      : undefined;
  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false }) : undefined;
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'Redis connection error'));
  const meteringUrl = config.metering.url ?? at(billingUrl, BILLING_ROUTES.usage);
  if (!meteringUrl) logger.warn('no billing subgraph and no METERING_URL: usage is spooled but not shipped');
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

  const rateLimits = new RateLimits(config.redisKeyPrefix, redis);
  const unknownCredentials = {
    admit: async (clientAddress: string) => {
      const { used, resetSeconds } = await rateLimits.peekOwn(
        'key-lookups',
        clientAddress,
        config.unknownCredentialsPerMinute,
        RATE_WINDOW_SECONDS,
      );
      if (used < config.unknownCredentialsPerMinute) return;
      throw refusal(
        'RATE_LIMITED',
        `too many unknown credentials from this address; retry in ${resetSeconds} s`,
        { limit: 'key-lookups', retryAfter: resetSeconds },
      );
    },
    spend: async (clientAddress: string) => {
      await rateLimits.takeOwn(
        'key-lookups',
        clientAddress,
        config.unknownCredentialsPerMinute,
        RATE_WINDOW_SECONDS,
      );
    },
  };
  const identifyCaller = async (caller: Caller) => {
    try {
      return await identify(caller, {
        keys,
        sessions,
        anonymousScopes: config.anonymousScopes,
        unknownCredentials,
      });
    } catch (error) {
      metrics.rejection(String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'UNKNOWN'));
      throw error;
    }
  };

  return {
    metrics,
    keys,
    safelists,
    rateLimits,
    spool,
    shipper,
    identify: (request) => identifyCaller(callerOf(request)),
    identifyCaller,
    policyFor: (context) => {
      if (context.plan) return planRate(context.plan);
      // A signed-in admin's budget is their own (by user, see `rateSubject`), sized for the admin pages.
      return context.principal.role === 'admin' && context.principal.userId
        ? config.adminRate
        : config.anonymousRate;
    },
    onAccessChange: (listener) => changes?.listeners.push(listener),
    start: () => {
      shipper?.start();
      changes?.start();
    },
    close: async () => {
      changes?.close();
      await shipper?.stop();
      spool.close();
      redis?.disconnect();
    },
  };
}
