/** The matches service's configuration: the only place it reads the environment. */
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';

export const DEFAULT_PORT = 4001;

export function loadConfig(env: Env = process.env): SubgraphConfig {
  const reader = new EnvReader('matches', env);
  return reader.done(readSubgraphConfig(reader, 'matches', DEFAULT_PORT));
}
