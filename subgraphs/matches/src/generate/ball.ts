/**
 * The ball's four states: held (at the carrier's feet), in flight (a pass or a shot, along a straight
 * line), loose (rolling, slowed by friction) or dead (a restart being prepared); where the ball is in each,
 * and which team has it.
 */
import { EventType } from '../ingest/bundle';
import { PossessionSide } from '../tracking/model';
import type { MutableEvent } from './period';
import type { Player, Side } from './players';

const RESTART_SECONDS = { kickOff: 30, goalKick: 8, freeKick: 5, throwIn: 6 } as const;
/** The teams line up before a half starts, so its kick-off is taken at once. */
const OPENING_KICK_OFF_SECONDS = 0.5;

export type Ball =
  | { kind: 'held'; carrier: Player; actAt: number; since: number }
  | {
      kind: 'flight';
      from: Player;
      shot: boolean;
      onTarget: boolean;
      x0: number;
      y0: number;
      x1: number;
      y1: number;
      start: number;
      end: number;
      height: number;
      event: MutableEvent;
    }
  | {
      kind: 'loose';
      x: number;
      y: number;
      vx: number;
      vy: number;
      lastSide: Side;
      pass: MutableEvent | null;
    }
  | {
      kind: 'dead';
      until: number;
      side: Side;
      x: number;
      y: number;
      restart: EventType;
      ballX: number;
      ballY: number;
    };

/** The ball on the centre spot at frame 0 of a half, `side` to kick off. */
export function openingKickOff(side: Side, dt: number): Ball {
  return {
    kind: 'dead',
    until: Math.round(OPENING_KICK_OFF_SECONDS / dt),
    side,
    x: 0,
    y: 0,
    restart: EventType.KICK_OFF,
    ballX: 0,
    ballY: 0,
  };
}

/**
 * Play stopped at frame `index` while the ball was in state `stopped`: `side` restarts with `restart` from
 * (x, y) once the restart's time has passed.
 */
export function deadBall(
  stopped: Ball,
  index: number,
  dt: number,
  side: Side,
  restart: EventType,
  x: number,
  y: number,
): Ball {
  const seconds =
    restart === EventType.KICK_OFF
      ? RESTART_SECONDS.kickOff
      : restart === EventType.SET_PIECE
        ? RESTART_SECONDS.freeKick
        : RESTART_SECONDS.goalKick;
  // The ball stays where play stopped until the restart is taken.
  const from = ballPosition(stopped, index);
  return {
    kind: 'dead',
    until: index + Math.round(seconds / dt),
    side,
    x,
    y,
    restart,
    ballX: from.x,
    ballY: from.y,
  };
}

export function ballPosition(state: Ball, i: number): { x: number; y: number; z: number } {
  switch (state.kind) {
    case 'held': {
      const c = state.carrier;
      const speed = Math.hypot(c.vx, c.vy);
      // At the carrier's feet, a touch ahead when running.
      const ahead = speed > 0.5 ? 0.5 / speed : 0;
      return { x: c.x + c.vx * ahead, y: c.y + c.vy * ahead, z: 0.11 };
    }
    case 'flight': {
      const t = Math.min(1, (i - state.start) / Math.max(1, state.end - state.start));
      return {
        x: state.x0 + (state.x1 - state.x0) * t,
        y: state.y0 + (state.y1 - state.y0) * t,
        z: 0.11 + 4 * state.height * t * (1 - t),
      };
    }
    case 'loose':
      return { x: state.x, y: state.y, z: 0.11 };
    case 'dead':
      return i >= state.until - 1
        ? { x: state.x, y: state.y, z: 0.11 }
        : { x: state.ballX, y: state.ballY, z: 0 };
  }
}

export function possessionOf(ball: Ball): PossessionSide {
  const sideOf = (side: Side) => (side === 0 ? PossessionSide.HOME : PossessionSide.AWAY);
  switch (ball.kind) {
    case 'held':
      return sideOf(ball.carrier.side);
    case 'flight':
      return sideOf(ball.from.side);
    case 'loose':
      return sideOf(ball.lastSide);
    case 'dead':
      return PossessionSide.NONE;
  }
}
