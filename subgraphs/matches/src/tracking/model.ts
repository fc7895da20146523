/**
 * Tracking data in memory: what importers and the generator produce and what the store writes in chunks.
 *
 * Coordinates are metres with the origin at the centre spot: x runs along the pitch (−length/2 … +length/2,
 * the home team attacking towards +x in period 1), y across it (−width/2 … +width/2, +y on the left of a
 * viewer looking towards +x), z is the ball's height. That is SkillCorner's and PFF's convention; Metrica's
 * 0–1 units from the top-left corner are converted on import.
 *
 * Series are object-major (all frames of slot 0, then of slot 1, …) so one player's trajectory is a
 * contiguous slice. A position that is unknown (a substitute not yet on the pitch) is NaN.
 */

/** Which team has the ball in a frame. */
export enum PossessionSide {
  NONE = 0,
  HOME = 1,
  AWAY = 2,
}

export interface TrackingPeriod {
  readonly period: number;
  /** Provider frame numbers, increasing; not necessarily contiguous. */
  readonly frames: Int32Array;
  /** Seconds since the start of the period, per frame. */
  readonly times: Float32Array;
  /** x of slot s at frame i is `x[s * frames.length + i]`; NaN when unknown. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** 1 when the position was seen by the cameras, 0 when the provider extrapolated it; same layout as x. */
  readonly detected: Uint8Array;
  readonly ballX: Float32Array;
  readonly ballY: Float32Array;
  readonly ballZ: Float32Array;
  readonly ballDetected: Uint8Array;
  readonly possession: Uint8Array;
}

export interface Tracking {
  /** Frames per second of the feed (10 for SkillCorner, 25 for Metrica, 29.97 for PFF). */
  readonly frameRate: number;
  /** Player id of each slot; slot order is the lineup's `trackIndex`. */
  readonly slots: readonly string[];
  readonly periods: readonly TrackingPeriod[];
}

/** An empty period of `frameCount` frames for `slotCount` players, every position unknown. */
export function allocatePeriod(period: number, frameCount: number, slotCount: number): TrackingPeriod {
  const positions = frameCount * slotCount;
  return {
    period,
    frames: new Int32Array(frameCount),
    times: new Float32Array(frameCount),
    x: new Float32Array(positions).fill(NaN),
    y: new Float32Array(positions).fill(NaN),
    detected: new Uint8Array(positions),
    ballX: new Float32Array(frameCount).fill(NaN),
    ballY: new Float32Array(frameCount).fill(NaN),
    ballZ: new Float32Array(frameCount).fill(NaN),
    ballDetected: new Uint8Array(frameCount),
    possession: new Uint8Array(frameCount),
  };
}

/** Positions a tracking feed holds: every player slot and the ball, in every frame. */
export function positionCount(tracking: Tracking): number {
  return tracking.periods.reduce((sum, p) => sum + p.frames.length * (tracking.slots.length + 1), 0);
}
