/**
 * Deterministic engines that degrade towards failure, flight by flight, along the trends of NASA's FD001
 * engines: each engine has a lifetime in FD001's range, small offsets of its own, and a wear curve that
 * starts flat and steepens (exponential, as in Saxena et al.'s damage model). The C-MAPSS channels are
 * one value per flight; auxiliary channels (up to the catalog size) are sampled at any rate for streaming.
 */
import { CMAPSS_SENSORS } from '../cmapss/sensors';
import { createRandom, mixSeed } from './random';

/** FD001's shortest and longest training lifetimes, in flights. */
const MIN_LIFETIME = 128;
const MAX_LIFETIME = 362;
/** How sharply wear steepens towards the end of life. */
const WEAR_CURVATURE = 4.5;
/** Per-flight noise and per-engine offset, as shares of FD001's healthy spread. */
const NOISE_SHARE = 0.85;
const OFFSET_SHARE = 0.3;
/** Where in its life each demo engine is now: between these shares of its lifetime. */
const MIN_AGE_SHARE = 0.25;
const MAX_AGE_SHARE = 0.97;

export interface EnginePlan {
  readonly seed: number;
  /** Flights until failure. */
  readonly lifetime: number;
  /** Flights flown so far. */
  readonly flown: number;
  readonly offsets: readonly number[];
}

export function planEngine(seed: number, engineIndex: number): EnginePlan {
  const random = createRandom(mixSeed(seed, engineIndex));
  const lifetime = Math.round(random.between(MIN_LIFETIME, MAX_LIFETIME));
  const flown = Math.max(1, Math.round(lifetime * random.between(MIN_AGE_SHARE, MAX_AGE_SHARE)));
  const offsets = CMAPSS_SENSORS.map((s) => s.spread * OFFSET_SHARE * random.normal());
  return { seed: mixSeed(seed, engineIndex, 1), lifetime, flown, offsets };
}

/** Share of the wear at failure reached after `cycle` flights: 0 when new, 1 at failure. */
function wear(plan: EnginePlan, cycle: number): number {
  const x = Math.min(1, cycle / plan.lifetime);
  return Math.expm1(WEAR_CURVATURE * x) / Math.expm1(WEAR_CURVATURE);
}

/** The 21 C-MAPSS channel values of flight `cycle` (1-based), the same every time for the same plan. */
export function flightValues(plan: EnginePlan, cycle: number): number[] {
  const random = createRandom(mixSeed(plan.seed, cycle));
  const w = wear(plan, cycle);
  return CMAPSS_SENSORS.map(
    (s, i) => s.healthy + plan.offsets[i]! + s.driftAtFailure * w + s.spread * NOISE_SHARE * random.normal(),
  );
}

/** Name of auxiliary channel `i` (0-based) of a catalog beyond the C-MAPSS channels. */
export const auxiliaryName = (index: number) => `AUX${String(index + 1).padStart(4, '0')}`;
/** Auxiliary channels read around this value, within this range in normal operation. */
export const AUX_NOMINAL = 100;
export const AUX_RANGE = 10;

/**
 * High-rate samples of every channel during flight `cycle`: the C-MAPSS channels around their flight value,
 * auxiliary ones as slow oscillations plus noise; `count` samples from `first` at `period` ms.
 */
export function sampleChannels(
  plan: EnginePlan,
  cycle: number,
  channels: number,
  first: number,
  period: number,
  count: number,
): Float64Array[] {
  const random = createRandom(mixSeed(plan.seed, cycle, Math.floor(first)));
  const base = flightValues(plan, cycle);
  return Array.from({ length: channels }, (_, channel) => {
    const values = new Float64Array(count);
    const cmapss = CMAPSS_SENSORS[channel];
    for (let i = 0; i < count; i += 1) {
      const t = (first + i * period) / 1000;
      values[i] = cmapss
        ? base[channel]! + cmapss.spread * 0.2 * random.normal()
        : AUX_NOMINAL + (AUX_RANGE / 4) * Math.sin(t / (5 + (channel % 17))) + random.normal();
    }
    return values;
  });
}
