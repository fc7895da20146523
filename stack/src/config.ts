/** The launcher's configuration: the only place it reads the environment. */
import { EnvReader, type Env } from '@meridian/kit';

export interface LauncherConfig {
  /** Passed on to every service, so `PORT`-free settings like `DATA_DIR` or `LOG_LEVEL` reach them all. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** Whether log prefixes are coloured. */
  readonly color: boolean;
}

export function loadConfig(env: Env = process.env, isTTY = Boolean(process.stdout.isTTY)): LauncherConfig {
  const reader = new EnvReader('launcher', env);
  const serviceEnv = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'PORT',
    ),
  );
  return reader.done({ serviceEnv, color: isTTY && reader.optionalString('NO_COLOR') === undefined });
}
