/**
 * Training of the remaining-life and health models on C-MAPSS training engines, which all run to failure,
 * so the remaining life after every cycle is known. Every `HOLD_OUT_EVERY`-th engine is held out and the
 * models are scored on it; the interval of an estimate comes from the held-out residuals.
 */
import { groupByUnit, type CmapssRow } from '../cmapss/parse';
import { conditionFeatures } from './features';
import { fitRidge, predictLinear, type LinearModel } from './ridge';

/** Remaining life is learned as min(true remaining life, cap): early wear is invisible in the sensors. */
export const RUL_CAP = 125;
export const HOLD_OUT_EVERY = 5;
const RIDGE_LAMBDA = 10;
/** The interval of an estimate covers this share of held-out errors. */
export const INTERVAL_COVERAGE = 0.8;

export interface TrainedModels {
  readonly source: string;
  /** Remaining life from the condition features and the engine's age in flights. */
  readonly rul: LinearModel;
  /** Condition alone, as remaining life; the health index is this over `RUL_CAP`. */
  readonly condition: LinearModel;
  /** Residual quantiles (estimate − truth) bounding `INTERVAL_COVERAGE` of held-out errors. */
  readonly interval: { readonly low: number; readonly high: number };
  readonly evaluation: {
    readonly trainEngines: number;
    readonly heldOutEngines: number;
    readonly heldOutRows: number;
    /** On every cycle of the held-out engines, against the capped truth. */
    readonly rmse: number;
    /** On the last cycle of each held-out engine truncated at a random point (the usual test protocol). */
    readonly rmseAtTruncation: number;
  };
}

/** Condition features after flight `upTo`, plus the engine's age: `cycle`, its flights since new. */
export function rulFeatures(flights: readonly (readonly number[])[], upTo: number, cycle: number): number[] {
  return [...conditionFeatures(flights, upTo), cycle];
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

const rmseOf = (errors: readonly number[]) =>
  Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / Math.max(1, errors.length));

/** Deterministic truncation point of a held-out engine, so the score is repeatable. */
function truncationOf(unit: number, life: number): number {
  const fraction = 0.3 + (0.6 * ((unit * 2654435761) % 1000)) / 1000;
  return Math.max(0, Math.floor(life * fraction) - 1);
}

export function trainModels(rows: readonly CmapssRow[], source: string): TrainedModels {
  const units = [...groupByUnit(rows).entries()];
  const train = { rul: [] as number[][], condition: [] as number[][], targets: [] as number[] };
  const held: { unit: number; flights: number[][] }[] = [];
  for (const [unit, cycles] of units) {
    const flights = cycles.map((row) => [...row.sensors]);
    if (unit % HOLD_OUT_EVERY === 0) {
      held.push({ unit, flights });
      continue;
    }
    flights.forEach((_, upTo) => {
      train.rul.push(rulFeatures(flights, upTo, upTo + 1));
      train.condition.push(conditionFeatures(flights, upTo));
      train.targets.push(Math.min(flights.length - 1 - upTo, RUL_CAP));
    });
  }
  const rul = fitRidge(train.rul, train.targets, RIDGE_LAMBDA);
  const condition = fitRidge(train.condition, train.targets, RIDGE_LAMBDA);

  const residuals: number[] = [];
  const truncated: number[] = [];
  for (const { unit, flights } of held) {
    flights.forEach((_, upTo) => {
      const truth = Math.min(flights.length - 1 - upTo, RUL_CAP);
      residuals.push(Math.max(0, predictLinear(rul, rulFeatures(flights, upTo, upTo + 1))) - truth);
    });
    const cut = truncationOf(unit, flights.length);
    const truth = Math.min(flights.length - 1 - cut, RUL_CAP);
    truncated.push(Math.max(0, predictLinear(rul, rulFeatures(flights, cut, cut + 1))) - truth);
  }
  const sorted = [...residuals].sort((a, b) => a - b);
  const tail = (1 - INTERVAL_COVERAGE) / 2;
  return {
    source,
    rul,
    condition,
    interval: { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) },
    evaluation: {
      trainEngines: units.length - held.length,
      heldOutEngines: held.length,
      heldOutRows: residuals.length,
      rmse: rmseOf(residuals),
      rmseAtTruncation: rmseOf(truncated),
    },
  };
}
