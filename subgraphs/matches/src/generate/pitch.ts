/**
 * The pitch the generator plays on (metres, origin at the centre spot; see tracking/model.ts) and the
 * arithmetic every part of it shares: distances, clamping inside the lines, rounding to the centimetre.
 */
export const PITCH = { length: 105, width: 68 } as const;
export const GOAL_HALF_WIDTH = 3.66;

export const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);
export const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));
export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
