/** The telemetry service's configuration: the only place it reads the environment. */
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';

export const DEFAULT_PORT = 4002;

export function loadConfig(env: Env = process.env): SubgraphConfig {
  const reader = new EnvReader('telemetry', env);
  return reader.done(readSubgraphConfig(reader, 'telemetry', DEFAULT_PORT));
}
