/** The matches service's configuration: the only place it reads the environment. */
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';

const DEFAULT_PORT = 4001;
/**
 * Demo matches generated whole (90 minutes of 10 Hz tracking, events, stats) on a first start. Each takes
 * about 0.7 s (generation 0.4 s, ingest 0.25 s), so the default keeps a first start under a second longer.
 */
const DEFAULT_TRACKED_DEMO_MATCHES = 1;
const MAX_TRACKED_DEMO_MATCHES = 8;

/** The demo match `npm start` keeps replaying live; `none` turns the replay off. */
const DEFAULT_REPLAY_MATCH = 'match_0001';
const DEFAULT_REPLAY_SPEED = 1;
const MAX_REPLAY_SPEED = 100;
/** Live subscribers one process expects; past it Node warns of a listener leak. */
export const MAX_LIVE_SUBSCRIBERS = 10_000;

export interface MatchesConfig extends SubgraphConfig {
  readonly trackedDemoMatches: number;
  /** Match replayed in a loop on the live subscriptions, or null for none. */
  readonly replayMatchId: string | null;
  /** How many times faster than real time the replay plays. */
  readonly replaySpeed: number;
  /** Prefix of the live topics: deployments (or test runs) sharing one Redis each use their own. */
  readonly liveTopicPrefix: string;
}

export function loadConfig(env: Env = process.env): MatchesConfig {
  const reader = new EnvReader('matches', env);
  const replayMatch = reader.string('MATCHES_REPLAY_MATCH', DEFAULT_REPLAY_MATCH);
  return reader.done({
    ...readSubgraphConfig(reader, 'matches', DEFAULT_PORT),
    trackedDemoMatches: reader.integer('MATCHES_TRACKED_DEMO_MATCHES', DEFAULT_TRACKED_DEMO_MATCHES, {
      min: 0,
      max: MAX_TRACKED_DEMO_MATCHES,
    }),
    replayMatchId: replayMatch === 'none' ? null : replayMatch,
    replaySpeed: reader.integer('MATCHES_REPLAY_SPEED', DEFAULT_REPLAY_SPEED, {
      min: 1,
      max: MAX_REPLAY_SPEED,
    }),
    liveTopicPrefix: reader.string('MATCHES_LIVE_TOPIC_PREFIX', ''),
  });
}

/** The folder a command was started from: npm runs workspace scripts in the workspace, so file arguments are resolved against where the user typed them. */
export function invocationDir(env: Env = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}
