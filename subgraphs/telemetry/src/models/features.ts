/**
 * Features of an engine's condition after a flight, from its per-flight sensor values (the C-MAPSS channels):
 * the mean of each informative channel over the last flights (noise averages out), and its slope over them
 * (degradation accelerates towards failure). FD001's seven constant channels carry nothing and are left out.
 */
import { CMAPSS_SENSORS } from '../cmapss/sensors';

/** The 14 channels that change as FD001 engines degrade. */
export const INFORMATIVE_SENSORS = [
  'T24',
  'T30',
  'T50',
  'P30',
  'Nf',
  'Nc',
  'Ps30',
  'phi',
  'NRf',
  'NRc',
  'BPR',
  'htBleed',
  'W31',
  'W32',
] as const;

const CHANNEL_INDEX = INFORMATIVE_SENSORS.map((name) => CMAPSS_SENSORS.findIndex((s) => s.name === name));

/** Flights the features look back over. */
const FEATURE_WINDOW = 15;

/** Features after flight `upTo` (0-based index into `flights`, each the 21 channel values of a flight). */
export function conditionFeatures(flights: readonly (readonly number[])[], upTo: number): number[] {
  const from = Math.max(0, upTo - FEATURE_WINDOW + 1);
  const count = upTo - from + 1;
  const features: number[] = [];
  for (const channel of CHANNEL_INDEX) {
    let sum = 0;
    for (let i = from; i <= upTo; i += 1) sum += flights[i]![channel]!;
    const mean = sum / count;
    // Least-squares slope over the window, 0 for a single flight.
    let numerator = 0;
    let denominator = 0;
    const centre = (count - 1) / 2;
    for (let i = from; i <= upTo; i += 1) {
      const x = i - from - centre;
      numerator += x * (flights[i]![channel]! - mean);
      denominator += x * x;
    }
    features.push(mean, denominator > 0 ? numerator / denominator : 0);
  }
  return features;
}
