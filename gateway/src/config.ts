/** The gateway's configuration: the only place it reads the environment. */
import path from 'node:path';
import proxyAddr from 'proxy-addr';
import {
  DEFAULT_DATA_DIR,
  EnvReader,
  readServiceConfig,
  type Env,
  type ServiceConfig,
} from '@meridian/kit/env';
import { OPERATION_LIMIT_DEFAULTS, type OperationLimitSettings } from '@meridian/schema';
import { RATE_WINDOW_SECONDS, type LoginThrottle, type RatePolicy } from './limits';
import type { WarmStartSettings } from './warm';

export interface GatewayConfig extends ServiceConfig {
  /** The composed supergraph the gateway plans with; read once at start, never introspected. */
  readonly supergraphFile: string;
  /**
   * The developer portal's Docusaurus build folder, served at `/` (`PORTAL_DIR`, by default the portal
   * package's). Undefined where neither names one: the service image leaves the portal out.
   */
  readonly portalDir: string | undefined;
  /** Subgraph URLs that replace the ones written in the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** How long one subgraph fetch may take before it fails with GATEWAY_TIMEOUT. */
  readonly subgraphTimeoutMs: number;
  /**
   * The load balancers in front (`TRUSTED_PROXIES`: addresses, CIDR ranges or `loopback`, comma-separated):
   * a request from one of them is the client its `X-Forwarded-For` names, for rate limits and login
   * throttling by address. Empty: every peer is the client (no load balancer, or one that does not forward).
   */
  readonly trustedProxies: readonly string[];
  /**
   * `DEDUPLICATE` (on by default): identical queries in flight at once share one execution, and identical
   * subgraph fetches one call; each request is still checked, limited and metered on its own.
   */
  readonly deduplicate: boolean;
  /**
   * `CACHE` (on by default): subgraph answers are cached as their `Cache-Control` allows, shared ones for every
   * caller and private ones per caller identity, and dropped when the subgraph announces a write.
   */
  readonly cache: boolean;
  /** `CACHE_BYTES`: the most the cache holds, counted as its keys' and answers' string sizes. */
  readonly cacheBytes: number;
  /** Planning safelisted and example operations at start (`warm/`). */
  readonly warmStart: WarmStartSettings;
  /** How long `/readyz` waits for each subgraph's health check. */
  readonly readinessTimeoutMs: number;
  /** Shape and cost limits every operation must keep; unset, those of `OPERATION_LIMIT_DEFAULTS`. */
  readonly limits: OperationLimitSettings;
  /** Sign-in attempts per client address and minute, and failed sign-ins per account and window. */
  readonly loginThrottle: LoginThrottle;
  /** Lookups of credentials the gateway does not know yet, per client address and minute. */
  readonly unknownCredentialsPerMinute: number;
  /** How often open subscriptions are checked again against their credentials. */
  readonly accessRecheckMs: number;
  /** Bearer token `/metrics` asks for; in production without one, `/metrics` is not served. */
  readonly metricsToken: string | undefined;
  /** How long a key lookup is trusted before billing is asked again; revocations drop entries sooner. */
  readonly keyCacheTtlMs: number;
  readonly keyCacheSize: number;
  /** How long a partner's safelist is trusted; billing's change feed drops it sooner when it changes. */
  readonly safelistCacheTtlMs: number;
  /** Bytes (UTF-8) of safelisted operation text cached, over every partner. */
  readonly safelistCacheBytes: number;
  /** How long a checked portal session is trusted; a logout takes effect within it. */
  readonly sessionCacheTtlMs: number;
  /** Bytes that may wait in the gateway for one websocket client before it counts as slow. */
  readonly subscriptionBufferBytes: number;
  /** Concurrent subscriptions of a caller without a plan. */
  readonly anonymousSubscriptions: number;
  /** Scopes of calls without credentials: none unless `ANONYMOUS_SCOPES` opens some (conformance tests). */
  readonly anonymousScopes: readonly string[];
  /** The rate limit of calls without an API key, per client address. */
  readonly anonymousRate: RatePolicy;
  /**
   * The rate limit of each business-team member's portal session (`ADMIN_REQUESTS_PER_MINUTE`,
   * `ADMIN_COST_PER_MINUTE`): the admin pages ask for several figures at once, and admins have no plan.
   */
  readonly adminRate: RatePolicy;
  /**
   * `PORTAL_OPERATIONS_PER_MONTH`: operations each partner's portal sessions make per month without spending
   * its quota (the console's own pages); beyond them, session calls are charged like key calls. 0 charges
   * every session call.
   */
  readonly portalAllowance: number;
  /** Redis for rate-limit counters shared by gateway replicas; in memory when unset. */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key, so deployments can share one Redis. */
  readonly redisKeyPrefix: string;
  /** OpenTelemetry traces over OTLP/HTTP; off without an endpoint. */
  readonly tracing: {
    readonly endpoint: string | undefined;
    readonly serviceName: string;
    readonly exportDelayMs: number;
  };
  readonly metering: {
    /** Billing's usage intake; by default the billing subgraph's `/internal/usage`. */
    readonly url: string | undefined;
    /** Where usage events wait until billing has them. */
    readonly spoolDir: string;
    readonly intervalMs: number;
    readonly batchSize: number;
  };
}

const DEFAULT_PORT = 4000;
/** @internal */
export const DEFAULT_SUPERGRAPH_FILE = require.resolve('@meridian/schema/supergraph.graphql');

/**
 * The portal's build folder as the portal package names it (`@meridian/portal/build-dir`), whether or not it
 * is built yet; undefined where the portal package is not installed, as in the service image.
 */
function portalBuildDir(): string | undefined {
  let entry: string;
  try {
    entry = require.resolve('@meridian/portal/build-dir');
  } catch {
    return undefined;
  }
  // Loaded only where it resolves: the gateway does not depend on the portal being installed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry) as string;
}

const DEFAULT_PORTAL_DIR = portalBuildDir();

function readPortalDir(reader: EnvReader): string | undefined {
  const named = reader.optionalString('PORTAL_DIR');
  return named === undefined ? DEFAULT_PORTAL_DIR : path.resolve(named);
}

function readTrustedProxies(reader: EnvReader): string[] {
  const list = (reader.optionalString('TRUSTED_PROXIES') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch (error) {
    reader.fail(`TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  return list;
}

export function loadConfig(env: Env = process.env): GatewayConfig {
  const reader = new EnvReader('gateway', env);
  const anonymousScopes = reader.optionalString('ANONYMOUS_SCOPES');
  return reader.done({
    ...readServiceConfig(reader, DEFAULT_PORT),
    keyCacheTtlMs: reader.integer('KEY_CACHE_TTL_MS', 60_000, { min: 0, max: 3_600_000 }),
    keyCacheSize: reader.integer('KEY_CACHE_SIZE', 10_000, { min: 1, max: 10_000_000 }),
    safelistCacheTtlMs: reader.integer('SAFELIST_CACHE_TTL_MS', 60_000, { min: 0, max: 3_600_000 }),
    safelistCacheBytes: reader.integer('SAFELIST_CACHE_BYTES', 64_000_000, {
      min: 1_000,
      max: 4_000_000_000,
    }),
    sessionCacheTtlMs: reader.integer('SESSION_CACHE_TTL_MS', 5_000, { min: 0, max: 600_000 }),
    subscriptionBufferBytes: reader.integer('SUBSCRIPTION_BUFFER_BYTES', 1_048_576, {
      min: 1_024,
      max: 1_073_741_824,
    }),
    anonymousSubscriptions: reader.integer('ANONYMOUS_SUBSCRIPTIONS', 5, { min: 0, max: 1_000_000 }),
    anonymousScopes: (anonymousScopes ?? '')
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean),
    supergraphFile: reader.path('SUPERGRAPH_FILE', DEFAULT_SUPERGRAPH_FILE),
    portalDir: readPortalDir(reader),
    subgraphUrls: reader.pairs('SUBGRAPH_URLS', (_name, url) =>
      URL.canParse(url) ? undefined : 'not a URL',
    ),
    subgraphTimeoutMs: reader.integer('SUBGRAPH_TIMEOUT_MS', 30_000, { min: 1, max: 600_000 }),
    trustedProxies: readTrustedProxies(reader),
    deduplicate: reader.oneOf('DEDUPLICATE', ['on', 'off'], 'on') === 'on',
    cache: reader.oneOf('CACHE', ['on', 'off'], 'on') === 'on',
    cacheBytes: reader.integer('CACHE_BYTES', 64_000_000, { min: 100_000, max: 16_000_000_000 }),
    warmStart: {
      enabled: reader.oneOf('WARM_START', ['on', 'off'], 'on') === 'on',
      maxOperations: reader.integer('WARM_START_MAX_OPERATIONS', 1_000, { min: 0, max: 100_000 }),
      budgetMs: reader.integer('WARM_START_BUDGET_MS', 5_000, { min: 0, max: 600_000 }),
      timeoutMs: reader.integer('WARM_START_TIMEOUT_MS', 5_000, { min: 1, max: 600_000 }),
    },
    readinessTimeoutMs: reader.integer('READINESS_TIMEOUT_MS', 2_000, { min: 1, max: 60_000 }),
    limits: {
      maxDepth: reader.integer('MAX_DEPTH', OPERATION_LIMIT_DEFAULTS.maxDepth, { min: 1, max: 1_000 }),
      maxAliases: reader.integer('MAX_ALIASES', OPERATION_LIMIT_DEFAULTS.maxAliases, { min: 0, max: 10_000 }),
      maxRootFields: reader.integer('MAX_ROOT_FIELDS', OPERATION_LIMIT_DEFAULTS.maxRootFields, {
        min: 1,
        max: 1_000,
      }),
      maxDirectives: reader.integer('MAX_DIRECTIVES', OPERATION_LIMIT_DEFAULTS.maxDirectives, {
        min: 0,
        max: 10_000,
      }),
      maxSelections: reader.integer('MAX_SELECTIONS', OPERATION_LIMIT_DEFAULTS.maxSelections, {
        min: 1,
        max: 1_000_000,
      }),
      maxIntrospectionDepth: reader.integer(
        'MAX_INTROSPECTION_DEPTH',
        OPERATION_LIMIT_DEFAULTS.maxIntrospectionDepth,
        { min: 1, max: 100 },
      ),
      maxTokens: reader.integer('MAX_TOKENS', OPERATION_LIMIT_DEFAULTS.maxTokens, {
        min: 10,
        max: 1_000_000,
      }),
      maxQueryBytes: reader.integer('MAX_QUERY_BYTES', OPERATION_LIMIT_DEFAULTS.maxQueryBytes, {
        min: 100,
        max: 1_000_000,
      }),
      maxCost: reader.integer('MAX_COST', OPERATION_LIMIT_DEFAULTS.maxCost, { min: 1, max: 100_000_000 }),
      defaultListSize: reader.integer('DEFAULT_LIST_SIZE', OPERATION_LIMIT_DEFAULTS.defaultListSize, {
        min: 1,
        max: 100_000,
      }),
      maxListSize: reader.integer('MAX_LIST_SIZE', OPERATION_LIMIT_DEFAULTS.maxListSize, {
        min: 1,
        max: 100_000_000,
      }),
    },
    loginThrottle: {
      attemptsPerAddress: reader.integer('LOGIN_ATTEMPTS_PER_MINUTE', 60, { min: 1, max: 1_000_000 }),
      failuresPerAccount: reader.integer('LOGIN_FAILURES_PER_ACCOUNT', 5, { min: 1, max: 1_000 }),
      failureWindowSeconds: reader.integer('LOGIN_FAILURE_WINDOW_SECONDS', 900, { min: 1, max: 86_400 }),
    },
    unknownCredentialsPerMinute: reader.integer('UNKNOWN_CREDENTIALS_PER_MINUTE', 60, {
      min: 1,
      max: 1_000_000,
    }),
    accessRecheckMs: reader.integer('ACCESS_RECHECK_MS', 1_000, { min: 50, max: 600_000 }),
    metricsToken: reader.optionalString('METRICS_TOKEN'),
    portalAllowance: reader.integer('PORTAL_OPERATIONS_PER_MONTH', 10_000, { min: 0, max: 1_000_000_000 }),
    anonymousRate: {
      name: 'anonymous',
      requests: reader.integer('ANONYMOUS_REQUESTS_PER_MINUTE', 120, { min: 1, max: 1_000_000 }),
      cost: reader.integer('ANONYMOUS_COST_PER_MINUTE', 50_000, { min: 1, max: 1_000_000_000 }),
      windowSeconds: RATE_WINDOW_SECONDS,
    },
    adminRate: {
      name: 'admin',
      requests: reader.integer('ADMIN_REQUESTS_PER_MINUTE', 600, { min: 1, max: 1_000_000 }),
      cost: reader.integer('ADMIN_COST_PER_MINUTE', 500_000, { min: 1, max: 1_000_000_000 }),
      windowSeconds: RATE_WINDOW_SECONDS,
    },
    redisUrl: reader.optionalUrl('REDIS_URL'),
    redisKeyPrefix: reader.string('REDIS_KEY_PREFIX', 'meridian:'),
    tracing: {
      endpoint: reader.optionalUrl('OTEL_EXPORTER_OTLP_ENDPOINT'),
      serviceName: reader.string('OTEL_SERVICE_NAME', 'meridian-gateway'),
      exportDelayMs: reader.integer('OTEL_BSP_SCHEDULE_DELAY', 5_000, { min: 10, max: 600_000 }),
    },
    metering: {
      url: reader.optionalUrl('METERING_URL'),
      spoolDir: reader.path(
        'SPOOL_DIR',
        path.join(reader.path('DATA_DIR', DEFAULT_DATA_DIR), 'gateway-usage'),
      ),
      intervalMs: reader.integer('METERING_INTERVAL_MS', 1_000, { min: 10, max: 600_000 }),
      batchSize: reader.integer('METERING_BATCH_SIZE', 1_000, { min: 1, max: 10_000 }),
    },
  });
}
