/**
 * Window features for remaining life, as the C-MAPSS literature builds them: each informative channel is
 * normalized (minus its mean, over its spread, per operating condition: FD001 flies one, sea level, so one
 * mean and spread per channel), then summarized over the last `RUL_WINDOW` flights: its mean over the last few
 * flights, its mean and its slope over the whole window. A wear signal (the normalized channels, each signed
 * by the way it drifts towards failure, averaged) is summarized the same way, with the engine's age.
 */
import { CMAPSS_SENSORS } from '../cmapss/sensors';
import { INFORMATIVE_SENSORS } from './features';

/** Flights the window looks back over (the usual 30 of published FD001 models). */
export const RUL_WINDOW = 30;
/** Flights of the short mean: recent enough to follow wear, long enough to average the noise out. */
const RECENT_FLIGHTS = 5;

const CHANNEL_INDEX = INFORMATIVE_SENSORS.map((name) => CMAPSS_SENSORS.findIndex((s) => s.name === name));
const DRIFT_SIGN = CHANNEL_INDEX.map((channel) => Math.sign(CMAPSS_SENSORS[channel]!.driftAtFailure));

/** Mean and spread of each informative channel (in `INFORMATIVE_SENSORS` order) in one operating condition. */
export interface Normalization {
  readonly means: readonly number[];
  readonly scales: readonly number[];
}

export const WINDOW_FEATURE_NAMES: readonly string[] = [
  ...[...INFORMATIVE_SENSORS, 'wear'].flatMap((name) => [`${name}.recent`, `${name}.mean`, `${name}.slope`]),
  'cycle',
];

/** Mean and spread of every informative channel over all flights of the given engines. */
export function fitNormalization(engines: readonly (readonly (readonly number[])[])[]): Normalization {
  const means = CHANNEL_INDEX.map(() => 0);
  const squares = CHANNEL_INDEX.map(() => 0);
  let count = 0;
  for (const flights of engines) {
    for (const flight of flights) {
      CHANNEL_INDEX.forEach((channel, k) => {
        means[k]! += flight[channel]!;
        squares[k]! += flight[channel]! ** 2;
      });
      count += 1;
    }
  }
  const scales = means.map((sum, k) => {
    const mean = sum / count;
    const variance = squares[k]! / count - mean * mean;
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  return { means: means.map((sum) => sum / count), scales };
}

/** Mean and least-squares slope per flight of `values`. */
function meanAndSlope(values: readonly number[]): { mean: number; slope: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const centre = (n - 1) / 2;
  let numerator = 0;
  let denominator = 0;
  values.forEach((value, i) => {
    numerator += (i - centre) * (value - mean);
    denominator += (i - centre) ** 2;
  });
  return { mean, slope: denominator > 0 ? numerator / denominator : 0 };
}

/**
 * Features after flight `upTo` (0-based index into `flights`, each the 21 channel values of a flight) of an
 * engine on its `cycle`-th flight since new; fewer flights than the window use what there is.
 */
export function windowFeatures(
  normalization: Normalization,
  flights: readonly (readonly number[])[],
  upTo: number,
  cycle: number,
): number[] {
  const from = Math.max(0, upTo - RUL_WINDOW + 1);
  const series = CHANNEL_INDEX.map((channel, k) => {
    const values: number[] = [];
    for (let i = from; i <= upTo; i += 1) {
      values.push((flights[i]![channel]! - normalization.means[k]!) / normalization.scales[k]!);
    }
    return values;
  });
  const wear = series[0]!.map(
    (_, i) => series.reduce((s, values, k) => s + DRIFT_SIGN[k]! * values[i]!, 0) / series.length,
  );
  const features: number[] = [];
  for (const values of [...series, wear]) {
    const recent = values.slice(-RECENT_FLIGHTS);
    const { mean, slope } = meanAndSlope(values);
    features.push(recent.reduce((s, v) => s + v, 0) / recent.length, mean, slope);
  }
  features.push(cycle);
  return features;
}
