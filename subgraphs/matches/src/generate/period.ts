/**
 * What the modules playing one half share (play.ts, actions.ts, motion.ts): the random source, the clock,
 * the players, which way each side attacks, the score, and the event log the play writes to.
 */
import type { EventInput } from '../ingest/bundle';
import type { Player, Side } from './players';
import type { Random } from './random';

/** An event as the generator writes it: a pass's or a shot's outcome and end are filled in when it ends. */
export type MutableEvent = { -readonly [K in keyof EventInput]: EventInput[K] };

/** An event before the log numbers it and places it in the period. */
export type NewEvent = Omit<MutableEvent, 'id' | 'period' | 'time' | 'frame'>;

export interface PeriodContext {
  readonly random: Random;
  readonly fps: number;
  /** Seconds per frame. */
  readonly dt: number;
  readonly players: Player[];
  /** The match frame number of the period's first frame. */
  readonly firstFrame: number;
  /** Goals so far, home then away; a goal adds one. */
  readonly score: number[];
  /** 1 when the side attacks towards +x in this period, else -1. */
  direction(side: Side): number;
  teamOf(side: Side): string;
  /** Writes an event at frame `index` of the period and returns it, to be completed later. */
  emit(event: NewEvent, index: number): MutableEvent;
}
