/**
 * Assessment of an engine from its per-flight C-MAPSS channel values, with the models trained on FD001
 * (`model.json`, written by `npm run train -w @meridian/telemetry`): the health index (condition as a share
 * of the learned horizon, 0 worn out .. 1 as new), its trend per flight, and remaining life with an interval.
 */
import trained from './model.json';
import { conditionFeatures } from './features';
import { predictLinear } from './ridge';
import { predictRul, RUL_CAP, type TrainedModels } from './train';
import { intervalOf } from './validation';

export const models: TrainedModels = trained;

/** Flights the health trend is fitted over. */
export const TREND_FLIGHTS = 20;

export interface RulEstimate {
  readonly cycles: number;
  readonly lower: number;
  readonly upper: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function healthIndexAt(flights: readonly (readonly number[])[], upTo: number): number {
  return clamp(predictLinear(models.condition, conditionFeatures(flights, upTo)) / RUL_CAP, 0, 1);
}

/** Remaining life after flight `upTo` of `flights`, the engine's `cycle`-th flight since new. */
export function estimateRul(
  flights: readonly (readonly number[])[],
  upTo: number,
  cycle: number,
): RulEstimate {
  const cycles = predictRul(models.rul, flights, upTo, cycle);
  return { cycles, ...intervalOf(models.interval.bands, cycles) };
}

/** Least-squares slope of the health index per flight over the last `TREND_FLIGHTS` values. */
export function healthTrend(indices: readonly number[]): number {
  const window = indices.slice(-TREND_FLIGHTS);
  const n = window.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = window.reduce((s, v) => s + v, 0) / n;
  let numerator = 0;
  let denominator = 0;
  window.forEach((value, x) => {
    numerator += (x - meanX) * (value - meanY);
    denominator += (x - meanX) ** 2;
  });
  return numerator / denominator;
}
