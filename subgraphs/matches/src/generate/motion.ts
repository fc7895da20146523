/**
 * How players move each frame: each steers towards a target with bounded acceleration and speed, so their
 * motion is physically plausible. The restart taker goes to the ball, the nearest outfield player of each
 * team chases a loose ball, the nearest defender presses the carrier, the carrier runs at goal, and everyone
 * else keeps the team's shape, which shifts with the ball.
 */
import { EventType } from '../ingest/bundle';
import { PossessionSide } from '../tracking/model';
import { possessionOf, type Ball } from './ball';
import { kickOffSpot } from './formation';
import type { PeriodContext } from './period';
import { clamp, PITCH } from './pitch';
import { nearest, type Player, type Side } from './players';

/**
 * Hardest a generated player accelerates or brakes (m/s²).
 * @internal
 */
export const MAX_ACCELERATION = 4.5;

export interface Roles {
  readonly taker: Player | null;
  readonly chasers: readonly (Player | null)[];
  readonly presser: Player | null;
}

export interface Target {
  readonly x: number;
  readonly y: number;
  /** Speed the player aims for on the way, m/s. */
  readonly speed: number;
}

/** Who does what this frame: the restart taker, and per team the player chasing the ball or pressing. */
export function rolesOf(ctx: PeriodContext, state: Ball): Roles {
  const { players } = ctx;
  const outfield = (side: Side) => players.filter((q) => q.side === side && !q.goalkeeper);
  const roles: { taker: Player | null; chasers: (Player | null)[]; presser: Player | null } = {
    taker: null,
    chasers: [null, null],
    presser: null,
  };
  if (state.kind === 'dead') {
    roles.taker = nearest(
      players.filter((q) => q.side === state.side),
      state.x,
      state.y,
    );
  } else if (state.kind === 'loose' || (state.kind === 'flight' && !state.shot)) {
    const at = state.kind === 'loose' ? { x: state.x, y: state.y } : { x: state.x1, y: state.y1 };
    roles.chasers = [nearest(outfield(0), at.x, at.y), nearest(outfield(1), at.x, at.y)];
  } else if (state.kind === 'held') {
    roles.presser = nearest(outfield((1 - state.carrier.side) as Side), state.carrier.x, state.carrier.y);
  }
  return roles;
}

/** Where `p` heads this frame, and how fast, given the ball at `at`. */
export function targetOf(
  ctx: PeriodContext,
  p: Player,
  state: Ball,
  roles: Roles,
  at: { x: number; y: number },
  i: number,
): Target {
  const dir = ctx.direction(p.side);
  if (state.kind === 'dead') {
    if (p === roles.taker) return { x: state.x - dir * 0.5, y: state.y, speed: 6 };
    if (state.restart === EventType.KICK_OFF) {
      const spot = kickOffSpot(p, dir);
      return { x: spot.x, y: spot.y, speed: 3 };
    }
  }
  if (state.kind === 'held' && state.carrier === p) {
    return { x: p.x + dir * 8, y: p.y * 0.92, speed: p.goalkeeper ? 2 : 6 };
  }
  if (p === roles.chasers[p.side]) {
    const chase =
      state.kind === 'loose' ? state : state.kind === 'flight' ? { x: state.x1, y: state.y1 } : at;
    return { x: chase.x, y: chase.y, speed: p.topSpeed };
  }
  if (p === roles.presser && state.kind === 'held') {
    return { x: state.carrier.x, y: state.carrier.y, speed: 7.2 };
  }
  // The block: shifted up the pitch with the ball, pushed on in possession, narrowed towards the ball.
  const inPossession = possessionOf(state) === (p.side === 0 ? PossessionSide.HOME : PossessionSide.AWAY);
  const ballAhead = at.x * dir;
  if (p.goalkeeper) {
    return { x: dir * (-47 + Math.max(0, ballAhead + 20) * 0.08), y: clamp(at.y * 0.15, 3), speed: 3 };
  }
  const shift = Math.max(-8, Math.min(36, ballAhead * 0.4 + (inPossession ? 10 : -2)));
  const depth = inPossession ? 1.1 : 0.8;
  const x = dir * Math.min(PITCH.length / 2 - 3, p.anchorX * depth + shift);
  const y = clamp(p.anchorY * (inPossession ? 1.05 : 0.75) + at.y * 0.2, PITCH.width / 2 - 1);
  // A little wandering keeps players from standing still on their marks.
  const wobble = Math.sin(i / (ctx.fps * 12) + p.slot * 1.7) * 2;
  return { x: x + wobble * 0.5, y: y + wobble, speed: inPossession ? 3.4 : 3 };
}

/** Moves `p` one frame (`dt` seconds) towards the target, within its top speed and `MAX_ACCELERATION`. */
export function steer(p: Player, target: Target, dt: number): void {
  const dx = target.x - p.x;
  const dy = target.y - p.y;
  const gap = Math.hypot(dx, dy);
  // Slow down on arrival: the speed that still allows braking within the remaining gap.
  const wanted = Math.min(target.speed, p.topSpeed, Math.sqrt(2 * MAX_ACCELERATION * gap) * 0.8);
  const desiredX = gap > 0.05 ? (dx / gap) * wanted : 0;
  const desiredY = gap > 0.05 ? (dy / gap) * wanted : 0;
  let ax = (desiredX - p.vx) / dt;
  let ay = (desiredY - p.vy) / dt;
  const accel = Math.hypot(ax, ay);
  if (accel > MAX_ACCELERATION) {
    ax = (ax / accel) * MAX_ACCELERATION;
    ay = (ay / accel) * MAX_ACCELERATION;
  }
  p.vx += ax * dt;
  p.vy += ay * dt;
  const speed = Math.hypot(p.vx, p.vy);
  if (speed > p.topSpeed) {
    p.vx = (p.vx / speed) * p.topSpeed;
    p.vy = (p.vy / speed) * p.topSpeed;
  }
  p.x += p.vx * dt;
  p.y += p.vy * dt;
}
