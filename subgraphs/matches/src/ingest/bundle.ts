/**
 * What every source of match data hands to the store: the generator, the SkillCorner, PFF and Metrica
 * importers all build a `MatchBundle`, and `ingestMatch` (write.ts) writes one in a single transaction.
 */
import type { Tracking } from '../tracking/model';

/** Kinds of match events; provider-specific kinds keep their raw name in `providerType`. */
export enum EventType {
  KICK_OFF = 'KICK_OFF',
  PASS = 'PASS',
  CARRY = 'CARRY',
  SHOT = 'SHOT',
  GOAL = 'GOAL',
  FOUL = 'FOUL',
  CARD = 'CARD',
  SUBSTITUTION = 'SUBSTITUTION',
  RECOVERY = 'RECOVERY',
  BALL_LOST = 'BALL_LOST',
  BALL_OUT = 'BALL_OUT',
  CHALLENGE = 'CHALLENGE',
  SET_PIECE = 'SET_PIECE',
  PLAYER_POSSESSION = 'PLAYER_POSSESSION',
  PASSING_OPTION = 'PASSING_OPTION',
  ON_BALL_ENGAGEMENT = 'ON_BALL_ENGAGEMENT',
  OFF_BALL_RUN = 'OFF_BALL_RUN',
  OTHER = 'OTHER',
}

interface CompetitionInput {
  readonly id: string;
  readonly name: string;
  readonly area: string;
}

interface SeasonInput {
  readonly id: string;
  readonly competitionId: string;
  readonly name: string;
}

interface TeamInput {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly city: string;
}

export interface PlayerInput {
  readonly id: string;
  readonly teamId: string;
  readonly name: string;
  readonly shirtNumber: number;
  /** GOALKEEPER, DEFENDER, MIDFIELDER, FORWARD, or UNKNOWN when the provider names no line. */
  readonly position: string;
}

interface MatchInput {
  readonly id: string;
  readonly seasonId: string | null;
  readonly kickoff: Date;
  readonly venue: string;
  readonly homeTeamId: string;
  readonly awayTeamId: string;
  readonly homeScore: number;
  readonly awayScore: number;
  readonly broadcasterId: string | null;
  readonly pitchLength: number;
  readonly pitchWidth: number;
  readonly frameRate: number;
  /** Where the data came from: `generated`, `skillcorner`, `pff`, `metrica`. */
  readonly source: string;
}

interface PeriodInput {
  readonly period: number;
  readonly startFrame: number;
  readonly endFrame: number;
}

/** A moment of a match: the period, seconds since its start, and the tracking frame when known. */
export interface MomentInput {
  readonly period: number;
  readonly time: number;
  readonly frame: number | null;
}

export interface LineupInput {
  readonly playerId: string;
  readonly teamId: string;
  readonly shirtNumber: number;
  /** The role in this match as the provider names it (`CF`, `Left Back`, …). */
  readonly role: string;
  readonly starter: boolean;
  /** Slot in the tracking, or null when the player has no positions. */
  readonly slot: number | null;
  /** When a substitute came on; null for a starter and for a substitute who stayed on the bench. */
  readonly cameOn: MomentInput | null;
  /** When the player left the pitch before the end; null when he played to the end or never came on. */
  readonly wentOff: MomentInput | null;
  /** Cards shown to the player; null when the provider does not say. */
  readonly yellowCards: number | null;
  readonly redCards: number | null;
}

export interface EventInput {
  readonly id: string;
  readonly type: EventType;
  readonly providerType: string;
  readonly period: number;
  readonly frame: number | null;
  readonly endFrame: number | null;
  /** Seconds since the start of the period. */
  readonly time: number;
  readonly teamId: string | null;
  readonly playerId: string | null;
  /** Who received a completed pass; null for every other event. */
  readonly receiverId: string | null;
  /** The player a pass was aimed at, whether or not it arrived. */
  readonly targetId: string | null;
  /** The opponent the event's player engaged (the ball carrier an on-ball engagement pressed). */
  readonly opponentId: string | null;
  readonly x: number | null;
  readonly y: number | null;
  readonly endX: number | null;
  readonly endY: number | null;
  readonly outcome: string | null;
}

export interface PhaseInput {
  readonly index: number;
  readonly period: number;
  readonly startFrame: number;
  readonly endFrame: number;
  readonly teamId: string | null;
  readonly type: string;
}

export interface MatchBundle {
  readonly competition: CompetitionInput | null;
  readonly season: SeasonInput | null;
  readonly teams: readonly TeamInput[];
  readonly players: readonly PlayerInput[];
  readonly match: MatchInput;
  readonly periods: readonly PeriodInput[];
  readonly lineup: readonly LineupInput[];
  readonly tracking: Tracking | null;
  readonly events: readonly EventInput[];
  readonly phases: readonly PhaseInput[];
}
