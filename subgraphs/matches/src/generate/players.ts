/**
 * The 22 players as the generator moves them: the spot each holds in the formation, how fast each can run,
 * and where each is and how fast it moves now (changed every frame by motion.ts).
 */
import type { PlayerInput } from '../ingest/bundle';
import { FORMATION } from './formation';
import type { Random } from './random';

/**
 * Fastest a generated player runs (m/s); real top speeds are 9–10.
 * @internal
 */
export const MAX_PLAYER_SPEED = 9.5;

/** The home team (0) or the away team (1). */
export type Side = 0 | 1;

export interface Player {
  readonly id: string;
  readonly side: Side;
  readonly slot: number;
  readonly anchorX: number;
  readonly anchorY: number;
  readonly goalkeeper: boolean;
  readonly topSpeed: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/** The home and away elevens on their formation spots, home slots first; each player draws its top speed. */
export function createPlayers(elevens: readonly (readonly PlayerInput[])[], random: Random): Player[] {
  return elevens.flatMap((eleven, side) =>
    eleven.map((p, index) => ({
      id: p.id,
      side: side as Side,
      slot: side * FORMATION.length + index,
      anchorX: FORMATION[index]!.x,
      anchorY: FORMATION[index]!.y,
      goalkeeper: index === 0,
      topSpeed: index === 0 ? 7 : random.between(8.2, MAX_PLAYER_SPEED),
      x: 0,
      y: 0,
      vx: 0,
      vy: 0,
    })),
  );
}

/** The candidate closest to (x, y); the first of them on a tie. */
export function nearest(candidates: readonly Player[], x: number, y: number): Player {
  let best = candidates[0]!;
  let bestDistance = Infinity;
  for (const p of candidates) {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}
