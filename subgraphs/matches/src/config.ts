/** The matches service's configuration: the only place it reads the environment. */
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';

export const DEFAULT_PORT = 4001;
/**
 * Demo matches generated whole (90 minutes of 10 Hz tracking, events, stats) on a first start. Each takes
 * about 0.7 s (generation 0.4 s, ingest 0.25 s), so the default keeps a first start under a second longer.
 */
export const DEFAULT_TRACKED_DEMO_MATCHES = 1;
const MAX_TRACKED_DEMO_MATCHES = 8;

export interface MatchesConfig extends SubgraphConfig {
  readonly trackedDemoMatches: number;
}

export function loadConfig(env: Env = process.env): MatchesConfig {
  const reader = new EnvReader('matches', env);
  return reader.done({
    ...readSubgraphConfig(reader, 'matches', DEFAULT_PORT),
    trackedDemoMatches: reader.integer('MATCHES_TRACKED_DEMO_MATCHES', DEFAULT_TRACKED_DEMO_MATCHES, {
      min: 0,
      max: MAX_TRACKED_DEMO_MATCHES,
    }),
  });
}

/** The folder a command was started from: npm runs workspace scripts in the workspace, so file arguments are resolved against where the user typed them. */
export function invocationDir(env: Env = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}
