/**
 * Reading a service's configuration from the environment. Each service's `config.ts` describes its variables
 * with an `EnvReader`; `done()` then throws one `ConfigError` naming every bad variable at once, so a
 * misconfigured service stops at start with the whole list instead of failing on the first.
 */
import path from 'node:path';
import type { DatabaseLocation } from './database';

export type Env = Readonly<Record<string, string | undefined>>;

export type Mode = 'development' | 'production';

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(
    private readonly service: string,
    private readonly env: Env,
  ) {}

  /** The raw value, or undefined when unset or blank. */
  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  private problem(name: string, value: string, expected: string): void {
    this.problems.push(`${name}=${JSON.stringify(value)} is not ${expected}`);
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  integer(name: string, fallback: number, range: { min: number; max: number }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < range.min || parsed > range.max) {
      this.problem(name, value, `an integer from ${range.min} to ${range.max}`);
      return fallback;
    }
    return parsed;
  }

  /** A TCP port; 0 asks the system for a free one. */
  port(name: string, fallback: number): number {
    return this.integer(name, fallback, { min: 0, max: 65535 });
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(choices as readonly string[]).includes(value)) {
      this.problem(name, value, `one of ${choices.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, fallback: string): string {
    return this.optionalUrl(name) ?? fallback;
  }

  optionalUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!URL.canParse(value)) {
      this.problem(name, value, 'a URL');
      return undefined;
    }
    return value;
  }

  /** A filesystem path, resolved against the working directory. */
  path(name: string, fallback: string): string {
    return path.resolve(this.raw(name) ?? fallback);
  }

  /** `name=value` pairs separated by commas, e.g. `matches=http://10.0.0.5:4001/graphql,billing=...`. */
  pairs(name: string, check: (key: string, value: string) => string | undefined): Record<string, string> {
    const value = this.raw(name);
    const result: Record<string, string> = {};
    if (value === undefined) return result;
    for (const entry of value.split(',')) {
      const at = entry.indexOf('=');
      const key = entry.slice(0, at).trim();
      const item = entry.slice(at + 1).trim();
      const trouble = at <= 0 || item === '' ? 'not of the form name=value' : check(key, item);
      if (trouble) this.problems.push(`${name}: "${entry.trim()}" is ${trouble}`);
      else result[key] = item;
    }
    return result;
  }

  /** Adds a problem found by a check that spans several variables. */
  fail(message: string): void {
    this.problems.push(message);
  }

  /** The finished configuration, frozen; throws a `ConfigError` naming every bad variable. */
  done<T extends object>(config: T): Readonly<T> {
    if (this.problems.length > 0) throw new ConfigError(this.service, this.problems);
    return Object.freeze(config);
  }
}

/** The settings every Meridian HTTP service shares. */
export interface ServiceConfig {
  readonly host: string;
  readonly port: number;
  readonly mode: Mode;
  readonly logLevel: LogLevel;
  /** The secret the gateway signs principals with and the subgraphs check them with. */
  readonly principalSecret: string;
  /** The token service-to-service routes (key lookup, usage intake) require. */
  readonly internalToken: string;
  /**
   * How long a stopping service goes on serving with `/readyz` answering 503, so that load balancers stop
   * sending it work before it closes (`DRAIN_MS`; 0 on one machine, a few seconds behind a load balancer).
   */
  readonly drainMs: number;
}

/** Used when `PRINCIPAL_SECRET` is unset in development; production refuses to start without one. */
export const DEVELOPMENT_PRINCIPAL_SECRET = 'meridian-development-only-secret';
/** Used when `INTERNAL_TOKEN` is unset in development; production refuses to start without one. */
export const DEVELOPMENT_INTERNAL_TOKEN = 'meridian-development-only-internal-token';
const MIN_SECRET_LENGTH = 32;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export function readServiceConfig(reader: EnvReader, defaultPort: number): ServiceConfig {
  // `test` is what jest sets; it behaves like development.
  const mode: Mode =
    reader.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development') === 'production'
      ? 'production'
      : 'development';
  const secret = (name: string, developmentValue: string): string => {
    const value = reader.optionalString(name);
    if (value === undefined && mode === 'production') reader.fail(`${name} must be set in production`);
    if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
      reader.fail(`${name} must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return value ?? developmentValue;
  };
  return {
    host: reader.string('HOST', '127.0.0.1'),
    port: reader.port('PORT', defaultPort),
    mode,
    logLevel: reader.oneOf('LOG_LEVEL', logLevels, 'info'),
    principalSecret: secret('PRINCIPAL_SECRET', DEVELOPMENT_PRINCIPAL_SECRET),
    internalToken: secret('INTERNAL_TOKEN', DEVELOPMENT_INTERNAL_TOKEN),
    drainMs: reader.integer('DRAIN_MS', 0, { min: 0, max: 600_000 }),
  };
}

/**
 * The real public samples (football, turbofan, billing) that importers default to and tests use when they
 * exist: `shared/data` beside the checkout. Nothing from it is ever copied into the repository.
 */
export const SHARED_DATA_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data');

/** Where services keep their files unless `DATA_DIR` says otherwise: `.data/` at the top of the checkout. */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '..', '.data');

/** The settings every subgraph shares: the service's, plus its store and the seed of its demo data. */
export interface SubgraphConfig extends ServiceConfig {
  /**
   * The store: `<DATA_DIR>/<name>.sqlite`, created on first start, or with `DATABASE_URL` the PostgreSQL
   * schema `<DATABASE_SCHEMA_PREFIX><name>`.
   */
  readonly database: DatabaseLocation;
  /** Seed of the deterministic demo data written into an empty store. */
  readonly seed: number;
  /** Redis for pub/sub between replicas; in-process when unset. */
  readonly redisUrl: string | undefined;
}

export function readSubgraphConfig(reader: EnvReader, name: string, defaultPort: number): SubgraphConfig {
  const dataDir = reader.path('DATA_DIR', DEFAULT_DATA_DIR);
  const databaseUrl = reader.optionalUrl('DATABASE_URL');
  const prefix = reader.string('DATABASE_SCHEMA_PREFIX', '');
  if (!/^[A-Za-z0-9_]*$/.test(prefix))
    reader.fail(`DATABASE_SCHEMA_PREFIX="${prefix}" may hold only letters, digits and _`);
  return {
    ...readServiceConfig(reader, defaultPort),
    database: databaseUrl
      ? { dialect: 'postgres', url: databaseUrl, schema: `${prefix}${name}` }
      : { dialect: 'sqlite', file: path.join(dataDir, `${name}.sqlite`) },
    seed: reader.integer('SEED', 1, { min: 0, max: 2 ** 31 - 1 }),
    redisUrl: reader.optionalUrl('REDIS_URL'),
  };
}
