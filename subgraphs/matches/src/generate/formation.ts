/**
 * The shape both generated teams play: a 4-4-2, the starting eleven picked from a squad for its spots, and
 * where each spot lines up for a kick-off.
 */
import type { PlayerInput } from '../ingest/bundle';

/** 4-4-2 seen by a team attacking towards +x: goalkeeper, back four, midfield four, two forwards. */
export const FORMATION: readonly { role: string; position: string; x: number; y: number }[] = [
  { role: 'GK', position: 'GOALKEEPER', x: -47, y: 0 },
  { role: 'RB', position: 'DEFENDER', x: -32, y: -24 },
  { role: 'RCB', position: 'DEFENDER', x: -34, y: -8 },
  { role: 'LCB', position: 'DEFENDER', x: -34, y: 8 },
  { role: 'LB', position: 'DEFENDER', x: -32, y: 24 },
  { role: 'RM', position: 'MIDFIELDER', x: -14, y: -22 },
  { role: 'RCM', position: 'MIDFIELDER', x: -16, y: -7 },
  { role: 'LCM', position: 'MIDFIELDER', x: -16, y: 7 },
  { role: 'LM', position: 'MIDFIELDER', x: -14, y: 22 },
  { role: 'RF', position: 'FORWARD', x: 0, y: -8 },
  { role: 'LF', position: 'FORWARD', x: 2, y: 8 },
];

/** A player of the squad for each spot of the formation: one of its position if any is left, else anyone. */
export function startingEleven(squad: readonly PlayerInput[]): PlayerInput[] {
  const used = new Set<string>();
  return FORMATION.map((spot) => {
    const player =
      squad.find((p) => p.position === spot.position && !used.has(p.id)) ??
      squad.find((p) => !used.has(p.id));
    if (!player) throw new Error(`squad of ${squad.length} players is too small for a starting eleven`);
    used.add(player.id);
    return player;
  });
}

/** Where a player lines up for a kick-off: in the own half, the formation pulled back. */
export function kickOffSpot(p: { anchorX: number; anchorY: number }, dir: number): { x: number; y: number } {
  return { x: dir * Math.min(-1, p.anchorX * 0.9 - 1), y: p.anchorY };
}
