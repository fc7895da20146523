/**
 * Whole-batch validation: every problem of a batch is found (up to a reporting cap) before anything is
 * written, so a batch is stored whole or refused whole with the full list of what to fix.
 */
import { MAX_FUTURE_MS, MAX_REPORTED_PROBLEMS } from '../config';
import { timeAt, type ReadingBatch } from './batch';

export interface IngestProblem {
  /** Where in the request: `readings[3]`, `line 12`, `series 4 sample 17`, `engine`. */
  readonly at: string;
  readonly message: string;
}

export interface ValidationContext {
  /** Engine id → its model, for the engines the batch names and may write. */
  readonly engineModels: ReadonlyMap<string, string>;
  /**
   * Whether the batch may write only its sender's operator's engines: any other engine is then reported in
   * the same words whether it exists or not, so a refusal tells nothing of other operators' fleets.
   */
  readonly ownEnginesOnly?: boolean;
  /** Ids (`model.name`) of the catalog sensors among those the batch names. */
  readonly sensorIds: { has(id: string): boolean };
  /** `engine\0sensor` → time of the newest stored reading. */
  readonly newest: ReadonlyMap<string, number>;
  readonly now: number;
}

export interface ValidationResult {
  readonly problems: IngestProblem[];
  /** All problems found, which may exceed the reported ones. */
  readonly problemCount: number;
}

export const seriesKey = (engineId: string, sensor: string) => `${engineId}\u0000${sensor}`;

export function validateBatch(batch: ReadingBatch, context: ValidationContext): ValidationResult {
  const problems: IngestProblem[] = [];
  let problemCount = 0;
  const report = (at: string, message: string) => {
    problemCount += 1;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ at, message });
  };
  const latestAllowed = context.now + MAX_FUTURE_MS;
  const seen = new Set<string>();

  batch.series.forEach((series, seriesIndex) => {
    const where = (index: number) => series.origin?.(index) ?? `series ${seriesIndex} sample ${index}`;
    const head = series.origin?.(0) ?? `series ${seriesIndex}`;
    const model = context.engineModels.get(series.engineId);
    if (model === undefined) {
      const engine = JSON.stringify(series.engineId);
      return report(
        head,
        context.ownEnginesOnly
          ? `no engine ${engine} among your operator's engines`
          : `unknown engine ${engine}`,
      );
    }
    if (!context.sensorIds.has(`${model}.${series.sensor}`)) {
      return report(head, `engine model ${model} has no sensor ${JSON.stringify(series.sensor)}`);
    }
    const key = seriesKey(series.engineId, series.sensor);
    if (seen.has(key)) return report(head, `sensor ${series.sensor} of ${series.engineId} appears twice`);
    seen.add(key);
    if (!series.times && !(series.period > 0 && Number.isFinite(series.period))) {
      return report(head, `sampling period must be a positive number of milliseconds, got ${series.period}`);
    }
    let previous = context.newest.get(key) ?? -Infinity;
    for (let index = 0; index < series.values.length; index += 1) {
      const value = series.values[index]!;
      const time = timeAt(series, index);
      if (!Number.isFinite(value)) report(where(index), `value must be a finite number, got ${value}`);
      if (!Number.isFinite(time)) {
        report(where(index), `time must be a finite number of milliseconds, got ${time}`);
        continue;
      }
      if (time <= previous) {
        report(
          where(index),
          `time ${new Date(time).toISOString()} is not after the previous reading of ${series.sensor} (${new Date(previous).toISOString()})`,
        );
      }
      if (time > latestAllowed) {
        report(
          where(index),
          `time ${new Date(time).toISOString()} is more than ${MAX_FUTURE_MS / 1000} s in the future`,
        );
      }
      previous = Math.max(previous, time);
    }
  });
  return { problems, problemCount };
}
