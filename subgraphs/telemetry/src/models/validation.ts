/**
 * Scoring a remaining-life model the way C-MAPSS test sets are scored, on training engines only: engines are
 * split into folds; each fold is held out in turn while a model is trained on the others, and each held-out
 * engine is cut at random flights, as test engines are, and estimated from what it had flown by then.
 */

/** An estimate with its interval against the remaining life that followed (capped as the target is). */
export interface ScoredCut {
  readonly unit: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly truth: number;
  /** The remaining life itself, uncapped. */
  readonly remaining: number;
}

export interface ValidationFigures {
  /** Engines and cuts scored; every engine is held out exactly once. */
  readonly engines: number;
  readonly cuts: number;
  readonly folds: number;
  readonly rmse: number;
  readonly mae: number;
  /** Mean estimate − truth: positive means late warnings. */
  readonly bias: number;
  /** PHM08 score per 100 cuts (the size of a C-MAPSS test set): late estimates cost more than early ones. */
  readonly phm08Score: number;
  /** Share of cuts whose truth fell inside the interval. */
  readonly coverage: number;
  /**
   * RMSE against the remaining life itself: cuts early in life, whose remaining life exceeds the cap, are
   * scored against more than any capped model can estimate.
   */
  readonly rmseUncapped: number;
}

/**
 * The PHM08 challenge's asymmetric cost of an estimate off by `error` (estimate − truth) flights.
 * @internal
 */
export function phm08Cost(error: number): number {
  return error < 0 ? Math.exp(-error / 13) - 1 : Math.exp(error / 10) - 1;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function scoreCuts(cuts: readonly ScoredCut[], folds: number): ValidationFigures {
  const errors = cuts.map((c) => c.estimate - c.truth);
  const n = errors.length;
  const inside = cuts.filter((c) => c.truth >= c.lower && c.truth <= c.upper).length;
  return {
    engines: new Set(cuts.map((c) => c.unit)).size,
    cuts: n,
    folds,
    rmse: round(Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / n), 3),
    mae: round(errors.reduce((s, e) => s + Math.abs(e), 0) / n, 3),
    bias: round(errors.reduce((s, e) => s + e, 0) / n, 3),
    phm08Score: round((100 * errors.reduce((s, e) => s + phm08Cost(e), 0)) / n, 1),
    coverage: round(inside / n, 4),
    rmseUncapped: round(Math.sqrt(cuts.reduce((s, c) => s + (c.estimate - c.remaining) ** 2, 0) / n), 3),
  };
}

/** Linear-interpolated quantile `q` of ascending `sorted`. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/**
 * An interval from out-of-fold errors (split conformal): within each band of estimates (errors grow with the
 * estimate), the quantiles of estimate − truth that leave `(1 − coverage) / 2` of the errors on each side.
 */
export interface IntervalBand {
  /** The band holds estimates below this; the last band has none. */
  readonly below: number | null;
  readonly low: number;
  readonly high: number;
}

export function calibrateBands(
  residuals: readonly { readonly estimate: number; readonly error: number }[],
  limits: readonly number[],
  coverage: number,
): IntervalBand[] {
  const tail = (1 - coverage) / 2;
  return [...limits, null].map((below, i) => {
    const from = i === 0 ? -Infinity : limits[i - 1]!;
    const errors = residuals
      .filter((r) => r.estimate >= from && (below === null || r.estimate < below))
      .map((r) => r.error)
      .sort((a, b) => a - b);
    return { below, low: quantile(errors, tail), high: quantile(errors, 1 - tail) };
  });
}

/** The interval of `estimate`: the truth lies in [estimate − high, estimate − low] of its band. */
export function intervalOf(
  bands: readonly IntervalBand[],
  estimate: number,
): { lower: number; upper: number } {
  const band = bands.find((b) => b.below === null || estimate < b.below) ?? bands[bands.length - 1]!;
  return { lower: Math.max(0, estimate - band.high), upper: Math.max(0, estimate - band.low) };
}
