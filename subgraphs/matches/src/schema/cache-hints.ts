/**
 * How long the matches subgraph's answers may be cached. Every caller reads the same matches, so every hint
 * is public. Teams, players, competitions and seasons change only when a match is imported; a match, and all
 * that hangs off it (lineups, events, stats, tracking), may still change until the final whistle, so it is
 * kept for an hour once it is over and for seconds before and during it.
 */
import type { CacheHintSpec, CacheLifetime } from '@meridian/kit';

/** Teams, players, competitions, seasons. */
export const REFERENCE_DATA: CacheLifetime = { maxAge: 3600, scope: 'PUBLIC' };
/** A match that is over, and a list of matches before its own matches restrict it. */
export const FINISHED_MATCH: CacheLifetime = { maxAge: 3600, scope: 'PUBLIC' };
/**
 * A match not yet over: upcoming or being played.
 * @internal
 */
export const UNFINISHED_MATCH: CacheLifetime = { maxAge: 5, scope: 'PUBLIC' };
/** A player's season totals, which grow as the season's matches are imported. */
export const SEASON_TOTALS: CacheLifetime = { maxAge: 60, scope: 'PUBLIC' };
/** What is only reached through a match (or a page of matches): as long as the match. */
export const AS_ITS_MATCH: CacheHintSpec = { inheritMaxAge: true };

/**
 * The model has no status: a match counts as over this long after kick-off, when 90 minutes, half-time,
 * stoppage time, extra time and penalties are all behind it.
 * @internal
 */
export const MATCH_OVER_AFTER_MS = 3 * 3_600_000;

/** The lifetime of an answer holding `match`, at `now`. */
export function matchCacheHint(match: { readonly kickoff: Date }, now: number = Date.now()): CacheLifetime {
  return now >= match.kickoff.getTime() + MATCH_OVER_AFTER_MS ? FINISHED_MATCH : UNFINISHED_MATCH;
}
