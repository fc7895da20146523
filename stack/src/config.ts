/** The launcher's configuration: the only place it reads the environment. */
import { demoApiKey, DEVELOPMENT_PRINCIPAL_SECRET, EnvReader, type Env } from '@meridian/kit';

export interface LauncherConfig {
  /** Passed on to every service, so `PORT`-free settings like `DATA_DIR` or `LOG_LEVEL` reach them all. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** Whether log prefixes are coloured. */
  readonly color: boolean;
  /** The key billing creates on a development platform; none in production. */
  readonly demoKey: string | undefined;
}

export function loadConfig(env: Env = process.env, isTTY = Boolean(process.stdout.isTTY)): LauncherConfig {
  const reader = new EnvReader('launcher', env);
  const serviceEnv = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'PORT',
    ),
  );
  const production = reader.optionalString('NODE_ENV') === 'production';
  const secret = reader.optionalString('PRINCIPAL_SECRET') ?? DEVELOPMENT_PRINCIPAL_SECRET;
  return reader.done({
    serviceEnv,
    color: isTTY && reader.optionalString('NO_COLOR') === undefined,
    demoKey: production ? undefined : demoApiKey(secret),
  });
}
