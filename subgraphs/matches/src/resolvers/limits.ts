/** The limits on query arguments, and the checks that turn a breach into BAD_USER_INPUT naming the argument. */
import { codedError } from '@meridian/schema';

/** Most matches one `matches` or `matchConnection` query returns. */
export const MAX_MATCHES = 100;
export const DEFAULT_MATCHES = 20;
/** Longest window of frames one `frames` query returns, in seconds. */
export const MAX_FRAME_WINDOW_SECONDS = 600;
/** Most events one `events` query returns per match. */
export const MAX_EVENTS = 5000;
export const DEFAULT_EVENTS = 500;
/** Most columns or rows of a heatmap grid. */
export const MAX_HEATMAP_CELLS = 100;
export const DEFAULT_HEATMAP_COLUMNS = 21;
export const DEFAULT_HEATMAP_ROWS = 14;

/** A BAD_USER_INPUT naming the argument, and the limit it broke when there is one. */
export function badInput(argument: string, message: string, limit?: number): Error {
  return codedError(
    'BAD_USER_INPUT',
    `${argument} ${message}`,
    limit === undefined ? { argument } : { argument, limit },
  );
}

export function checkRange(argument: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badInput(argument, `must be between ${min} and ${max}, got ${value}`, value < min ? min : max);
  }
}

/** A time window [from, to] in seconds: ordered and no longer than `maxSeconds` when a limit is given. */
export function checkWindow(from: number | undefined, to: number | undefined, maxSeconds?: number): void {
  if (from !== undefined && from < 0) throw badInput('from', `must be at least 0 seconds, got ${from}`, 0);
  if (from !== undefined && to !== undefined && to < from) {
    throw badInput('to', `must not be before from (${from} s), got ${to}`, from);
  }
  if (maxSeconds !== undefined && from !== undefined && to !== undefined && to - from > maxSeconds) {
    throw badInput(
      'to',
      `must be at most ${maxSeconds} s after from, got a window of ${to - from} s`,
      maxSeconds,
    );
  }
}

/** `every` (seconds between returned frames) cannot be finer than the feed's frame interval. */
export function checkEvery(every: number | undefined, frameRate: number): void {
  if (every === undefined) return;
  const interval = 1 / frameRate;
  if (!(every >= interval - 1e-9)) {
    throw badInput('every', `must be at least the frame interval of ${interval} s, got ${every}`, interval);
  }
}
