/**
 * Downsampling live readings to a subscriber's interval: readings of the chosen sensors are folded into
 * min, max, mean and last per sensor until the interval ends, then sent as one frame. A subscriber asking for
 * one frame a second gets one frame a second whatever rate the engine sends at.
 */
import { timeAt, type SensorSeries } from '../ingest/batch';

export interface SensorSummary {
  readonly sensor: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** The newest reading of the interval, and its time. */
  readonly last: number;
  readonly lastTime: number;
}

export interface ReadingFrame {
  /** The interval the frame covers, [from, to). */
  readonly from: number;
  readonly to: number;
  readonly sensors: readonly SensorSummary[];
}

interface Running {
  count: number;
  min: number;
  max: number;
  sum: number;
  last: number;
  lastTime: number;
}

export class Downsampler {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly engineId: string,
    private readonly sensors: readonly string[],
  ) {}

  add(series: SensorSeries): void {
    if (series.engineId !== this.engineId || !this.sensors.includes(series.sensor)) return;
    let summary = this.running.get(series.sensor);
    for (let i = 0; i < series.values.length; i += 1) {
      const value = series.values[i]!;
      const time = timeAt(series, i);
      if (!summary) {
        summary = { count: 0, min: value, max: value, sum: 0, last: value, lastTime: time };
        this.running.set(series.sensor, summary);
      }
      summary.count += 1;
      if (value < summary.min) summary.min = value;
      if (value > summary.max) summary.max = value;
      summary.sum += value;
      if (time >= summary.lastTime) {
        summary.last = value;
        summary.lastTime = time;
      }
    }
  }

  /** The frame of the interval [from, to) and a fresh start; null when no reading arrived in it. */
  flush(from: number, to: number): ReadingFrame | null {
    if (this.running.size === 0) return null;
    const sensors = this.sensors.flatMap((sensor) => {
      const s = this.running.get(sensor);
      return s
        ? [
            {
              sensor,
              count: s.count,
              min: s.min,
              max: s.max,
              mean: s.sum / s.count,
              last: s.last,
              lastTime: s.lastTime,
            },
          ]
        : [];
    });
    this.running.clear();
    return { from, to, sensors };
  }
}
