/**
 * Plays a stored match as if it were live: frames are published at the match's frame rate (times a speed
 * factor) on the match's frame topic, and each event on the event topic when play reaches its frame.
 * Periods follow each other without the half-time break. Windows of frames are read from the store as play
 * reaches them, so a replay holds one window in memory.
 */
import type { PubSub } from 'type-graphql';
import type { EventRecord, FrameWindowRecord, MatchesStore } from '../store';
import { CHUNK_FRAMES } from '../store/chunks';
import { buildFrame } from '../tracking/frames';
import type { LiveTopics } from './topics';

/** Shortest pause between two publishing ticks; faster replays publish several frames a tick. */
const MIN_TICK_MS = 10;
/** Pause before a replay tries again to read its next window after the store failed. */
const RETRY_MS = 1_000;

export interface ReplayOptions {
  readonly matchId: string;
  /** 1 plays in real time, 10 ten times as fast. */
  readonly speed: number;
  /** Start again from kick-off after the final frame. */
  readonly loop: boolean;
  readonly topics: LiveTopics;
  /** Told when the replay cannot read its next frames; it tries again after a pause. */
  readonly onError?: (error: Error) => void;
}

export interface Replay {
  close(): Promise<void>;
  /** Resolves when the replay has played its last frame (never when it loops, until closed). */
  readonly finished: Promise<void>;
}

export async function startReplay(
  store: MatchesStore,
  pubSub: PubSub,
  options: ReplayOptions,
): Promise<Replay> {
  const [match] = await store.matchesByIds([options.matchId]);
  if (!match) throw new Error(`cannot replay ${options.matchId}: no such match`);
  const [periods, lineup, events] = await Promise.all([
    store.periodsByMatchIds([match.id]),
    store.lineupsByMatchIds([match.id]),
    store.eventsByMatchIds([match.id], {}),
  ]);
  if (periods.length === 0) throw new Error(`cannot replay ${match.id}: it has no tracking`);
  const teams = { home: match.homeTeamId, away: match.awayTeamId };
  const frameInterval = 1 / match.frameRate;

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  // Where play is: the period, the window of frames read for it, the next frame in it, the next event.
  let periodIndex = 0;
  let window: FrameWindowRecord | null = null;
  let windowEnd = 0;
  let next = 0;
  let eventIndex = 0;
  let playedSeconds = 0;
  let startedAt = performance.now();

  const eventsOf = (period: number): EventRecord[] =>
    events.filter((e) => e.period === period && e.frame !== null);
  let periodEvents = eventsOf(periods[0]!.period);

  /**
   * Reads the window of `periods[index]` from frame `from` and moves play there. A failed read (the store
   * unavailable) throws before anything changed, so the same move is tried again later.
   */
  async function loadWindow(index: number, from: number): Promise<void> {
    const period = periods[index]!;
    const end = Math.min(period.endFrame, from + CHUNK_FRAMES - 1);
    const read = await store.frameWindow(match!.id, period.period, from, end);
    if (index !== periodIndex) {
      periodIndex = index;
      periodEvents = eventsOf(period.period);
      eventIndex = 0;
    }
    window = read;
    windowEnd = end;
    next = 0;
  }

  /** Moves to the next window, period or (when looping) kick-off; false when the match is over. */
  async function advance(): Promise<boolean> {
    if (windowEnd < periods[periodIndex]!.endFrame) {
      await loadWindow(periodIndex, windowEnd + 1);
      return true;
    }
    const following = periodIndex + 1;
    if (following < periods.length) {
      await loadWindow(following, periods[following]!.startFrame);
      return true;
    }
    if (!options.loop) return false;
    await loadWindow(0, periods[0]!.startFrame);
    playedSeconds = 0;
    startedAt = performance.now();
    return true;
  }

  async function tick(): Promise<void> {
    const due = ((performance.now() - startedAt) / 1000) * options.speed;
    while (!stopped && playedSeconds <= due) {
      if (!window || next >= window.frames.length) {
        if (!(await advance())) {
          finish();
          return;
        }
        continue;
      }
      const period = periods[periodIndex]!.period;
      const frame = { ...buildFrame(window, next, period, lineup, teams), publishedAt: new Date() };
      pubSub.publish(options.topics.frames(match!.id), frame);
      while (eventIndex < periodEvents.length && periodEvents[eventIndex]!.frame! <= frame.frame) {
        pubSub.publish(options.topics.events(match!.id), {
          ...periodEvents[eventIndex]!,
          publishedAt: new Date(),
        });
        eventIndex++;
      }
      next++;
      playedSeconds += frameInterval;
    }
    if (!stopped) timer = setTimeout(run, Math.max(MIN_TICK_MS, (frameInterval * 1000) / options.speed));
  }

  /**
   * A tick that fails (the store unavailable for a moment) is told to `onError` and tried again a little later;
   * play then resumes where it paused, without rushing through the frames it missed.
   */
  function run(): void {
    tick().catch((error: unknown) => {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
      if (stopped) return;
      const pausedAt = performance.now();
      timer = setTimeout(() => {
        startedAt += performance.now() - pausedAt;
        run();
      }, RETRY_MS);
    });
  }

  await loadWindow(0, periods[0]!.startFrame);
  run();
  return {
    finished,
    close: async () => {
      stopped = true;
      clearTimeout(timer);
      finish();
    },
  };
}
