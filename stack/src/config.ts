/** The launcher's configuration: the only place it reads the environment. */
import path from 'node:path';
// The config module alone: the launcher does not load the billing service to learn its defaults.
import { DEFAULT_ADMIN_EMAIL, DEVELOPMENT_ADMIN_PASSWORD } from '@meridian/billing/config';
import {
  DEFAULT_DATA_DIR,
  demoApiKey,
  DEVELOPMENT_PRINCIPAL_SECRET,
  EnvReader,
  type Env,
} from '@meridian/kit';

export interface LauncherConfig {
  /** Passed on to every service, so `PORT`-free settings like `DATA_DIR` or `LOG_LEVEL` reach them all. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** Whether log prefixes are coloured. */
  readonly color: boolean;
  /** The key billing creates on a development platform; none in production. */
  readonly demoKey: string | undefined;
  /**
   * The admin billing creates on a development platform without `ADMIN_PASSWORD`. Printed by `npm start`
   * only: the portal's pages never show it, since the same build is served in production.
   */
  readonly developmentSignIn: { readonly email: string; readonly password: string } | undefined;
}

export function loadConfig(env: Env = process.env, isTTY = Boolean(process.stdout.isTTY)): LauncherConfig {
  const reader = new EnvReader('launcher', env);
  const serviceEnv = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'PORT',
    ),
  );
  const mode = reader.optionalString('NODE_ENV') ?? 'development';
  const production = mode === 'production';
  const ownAdmin = reader.optionalString('ADMIN_PASSWORD') !== undefined;
  const email = reader.optionalString('ADMIN_EMAIL') ?? DEFAULT_ADMIN_EMAIL;
  const secret = reader.optionalString('PRINCIPAL_SECRET') ?? DEVELOPMENT_PRINCIPAL_SECRET;
  return reader.done({
    serviceEnv,
    color: isTTY && reader.optionalString('NO_COLOR') === undefined,
    demoKey: production ? undefined : demoApiKey(secret),
    developmentSignIn:
      mode === 'development' && !ownAdmin ? { email, password: DEVELOPMENT_ADMIN_PASSWORD } : undefined,
  });
}

/** What `npm run start:cluster` reads besides the launcher's settings. */
export interface ClusterLauncherConfig {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** The public port; the subgraphs' endpoints on HAProxy are the next hundred (4101, 4102, 4103). */
  readonly port: number;
  readonly statsPort: number;
  /** The HAProxy binary. */
  readonly haproxy: string;
  /** Where the replicas keep their files, one folder each. */
  readonly dataDir: string;
}

export function loadClusterConfig(env: Env = process.env): ClusterLauncherConfig {
  const reader = new EnvReader('cluster', env);
  return reader.done({
    databaseUrl: reader.string('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    redisUrl: reader.string('REDIS_URL', 'redis://127.0.0.1:6379'),
    port: reader.port('PORT', 4000),
    statsPort: reader.port('HAPROXY_STATS_PORT', 4199),
    haproxy: reader.string('HAPROXY', 'haproxy'),
    dataDir: path.join(reader.path('DATA_DIR', DEFAULT_DATA_DIR), 'cluster'),
  });
}
