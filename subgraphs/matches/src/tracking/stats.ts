/**
 * Physical stats of one player from positions: distance, top speed, sprints, distance per speed zone,
 * heatmap. Pure functions over typed arrays, used at ingest (the stored rollups) and for on-demand heatmaps.
 *
 * Raw positions jitter by a few centimetres, which frame-to-frame speeds amplify (2 cm at 10 Hz is
 * 0.2 m/s), so speeds are averaged over `SPEED_WINDOW_SECONDS` before top speed, zones and sprints use them.
 */

/** One period of one player: times in seconds and positions in metres, NaN where unknown. */
export interface PlayerSeries {
  readonly times: Float32Array;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

export interface SpeedZone {
  readonly name: string;
  /** Lower bound in m/s, inclusive. */
  readonly min: number;
  /** Upper bound in m/s, exclusive; Infinity for the top zone. */
  readonly max: number;
}

/** Speed zones in m/s, the bands most clubs report (walking, jogging, running, high-speed running, sprinting). */
export const SPEED_ZONES: readonly SpeedZone[] = [
  { name: 'WALKING', min: 0, max: 2 },
  { name: 'JOGGING', min: 2, max: 4 },
  { name: 'RUNNING', min: 4, max: 5.5 },
  { name: 'HIGH_SPEED', min: 5.5, max: 7 },
  { name: 'SPRINTING', min: 7, max: Infinity },
];
/** A sprint is above this speed (m/s) … */
const SPRINT_SPEED = 7;
/** … for at least this long (s). */
const SPRINT_MIN_SECONDS = 1;
/** Speeds are averaged over this many seconds of movement. */
const SPEED_WINDOW_SECONDS = 0.5;
/** Steps across a longer gap in the feed (camera cut, half time) count no distance. */
const MAX_STEP_SECONDS = 1;
/** Faster steps are tracking glitches (a swapped identity), not running: no human covers them. */
const MAX_HUMAN_SPEED = 12.5;

export interface PlayerStats {
  readonly distance: number;
  readonly topSpeed: number;
  readonly sprints: number;
  /** Metres covered in each of `SPEED_ZONES`, same order. */
  readonly zoneDistances: number[];
  /** Seconds with a known position. */
  readonly secondsTracked: number;
}

export function computePlayerStats(series: readonly PlayerSeries[]): PlayerStats {
  const zoneDistances = SPEED_ZONES.map(() => 0);
  let distance = 0;
  let topSpeed = 0;
  let sprints = 0;
  let secondsTracked = 0;
  for (const { times, x, y } of series) {
    const n = times.length;
    // Step i goes from frame i-1 to frame i; NaN when it does not count.
    const stepDistance = new Float64Array(n).fill(NaN);
    const stepSeconds = new Float64Array(n).fill(NaN);
    for (let i = 1; i < n; i++) {
      const dt = (times[i] as number) - (times[i - 1] as number);
      const d = Math.hypot((x[i] as number) - (x[i - 1] as number), (y[i] as number) - (y[i - 1] as number));
      if (!(dt > 0 && dt <= MAX_STEP_SECONDS) || Number.isNaN(d) || d / dt > MAX_HUMAN_SPEED) continue;
      stepDistance[i] = d;
      stepSeconds[i] = dt;
    }
    // Trailing window sums give each step the mean speed of the half second ending with it.
    let windowDistance = 0;
    let windowSeconds = 0;
    let start = 1;
    let sprintSeconds = 0;
    for (let i = 1; i < n; i++) {
      const d = stepDistance[i] as number;
      if (Number.isNaN(d)) {
        windowDistance = 0;
        windowSeconds = 0;
        start = i + 1;
        sprintSeconds = 0;
        continue;
      }
      const dt = stepSeconds[i] as number;
      distance += d;
      secondsTracked += dt;
      windowDistance += d;
      windowSeconds += dt;
      while (windowSeconds - (stepSeconds[start] as number) >= SPEED_WINDOW_SECONDS - 1e-6 && start < i) {
        windowDistance -= stepDistance[start] as number;
        windowSeconds -= stepSeconds[start] as number;
        start++;
      }
      const speed = windowDistance / windowSeconds;
      if (windowSeconds >= SPEED_WINDOW_SECONDS - 1e-6 && speed > topSpeed) topSpeed = speed;
      zoneDistances[zoneOf(speed)]! += d;
      if (speed > SPRINT_SPEED) {
        const before = sprintSeconds;
        sprintSeconds += dt;
        if (before < SPRINT_MIN_SECONDS - 1e-6 && sprintSeconds >= SPRINT_MIN_SECONDS - 1e-6) sprints++;
      } else {
        sprintSeconds = 0;
      }
    }
  }
  return { distance, topSpeed, sprints, zoneDistances, secondsTracked };
}

function zoneOf(speed: number): number {
  for (let zone = SPEED_ZONES.length - 1; zone > 0; zone--) if (speed >= SPEED_ZONES[zone]!.min) return zone;
  return 0;
}

export interface Pitch {
  readonly length: number;
  readonly width: number;
}

/**
 * Frames spent in each cell of a `columns` × `rows` grid over the pitch, row-major from the corner at
 * (−length/2, −width/2); positions outside the lines count in the nearest edge cell.
 */
export function computeHeatmap(
  series: readonly PlayerSeries[],
  pitch: Pitch,
  columns: number,
  rows: number,
): number[] {
  const counts = new Array<number>(columns * rows).fill(0);
  for (const { x, y } of series) {
    for (let i = 0; i < x.length; i++) {
      const px = x[i] as number;
      const py = y[i] as number;
      if (Number.isNaN(px) || Number.isNaN(py)) continue;
      const column = clampCell(Math.floor(((px + pitch.length / 2) / pitch.length) * columns), columns);
      const row = clampCell(Math.floor(((py + pitch.width / 2) / pitch.width) * rows), rows);
      counts[row * columns + column]!++;
    }
  }
  return counts;
}

const clampCell = (cell: number, cells: number) => Math.max(0, Math.min(cells - 1, cell));
