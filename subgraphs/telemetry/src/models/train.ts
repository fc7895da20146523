/**
 * Training of the remaining-life and health models on C-MAPSS training engines, which all run to failure, so
 * the remaining life after every flight is known. Remaining life: gradient-boosted trees over window features
 * (`window.ts`), scored by `FOLDS`-fold validation by engine with engines cut at random flights
 * (`validation.ts`); its interval comes from the out-of-fold errors. Everything random is seeded: the same
 * file and seed give the same model, number for number.
 */
import { groupByUnit, type CmapssRow } from '../cmapss/parse';
import { createRandom, mixSeed, type Random } from '../generate/random';
import { conditionFeatures } from './features';
import { fitBoosted, predictBoosted, type BoostedTrees, type BoostingOptions } from './gbt';
import { fitRidge, predictLinear, type LinearModel } from './ridge';
import {
  calibrateBands,
  intervalOf,
  scoreCuts,
  type IntervalBand,
  type ScoredCut,
  type ValidationFigures,
} from './validation';
import {
  fitNormalization,
  RUL_WINDOW,
  WINDOW_FEATURE_NAMES,
  windowFeatures,
  type Normalization,
} from './window';

/** Remaining life is learned as min(true remaining life, cap): early wear is invisible in the sensors. */
export const RUL_CAP = 125;
/** The interval of an estimate is meant to hold the truth this often. */
export const INTERVAL_COVERAGE = 0.8;
const FOLDS = 5;
/** Random cuts scored per held-out engine. */
const CUTS_PER_ENGINE = 10;
const TRAINING_SEED = 2008;
/** Estimates below each limit share an interval band; errors grow with the estimate. */
const INTERVAL_BAND_LIMITS = [25, 50, 75, 100];
const BOOSTING: BoostingOptions = {
  trees: 250,
  depth: 4,
  learningRate: 0.05,
  minLeafRows: 40,
  rowSample: 0.5,
};
const RIDGE_LAMBDA = 10;

const RUL_MODEL_NAME = `gradient-boosted regression trees (${BOOSTING.trees} trees of depth ${BOOSTING.depth}) over ${RUL_WINDOW}-flight windows of normalized channels, target capped at ${RUL_CAP}`;
const BASELINE_MODEL_NAME =
  'ridge regression on 15-flight means and slopes and age (the model this replaced)';

export interface RulModel {
  readonly name: string;
  readonly cap: number;
  readonly window: number;
  readonly features: readonly string[];
  readonly normalization: Normalization;
  readonly boosting: BoostingOptions;
  readonly trees: BoostedTrees;
}

export interface TrainedModels {
  readonly source: string;
  readonly seed: number;
  readonly rul: RulModel;
  /** Condition alone, as remaining life; the health index is this over `RUL_CAP`. */
  readonly condition: LinearModel;
  readonly interval: { readonly coverage: number; readonly bands: readonly IntervalBand[] };
  /** Out-of-fold figures of the remaining-life model, against the capped truth at random cuts. */
  readonly validation: ValidationFigures;
  /** The same validation, same folds and cuts, of the model this one replaced. */
  readonly baseline: ValidationFigures & { readonly name: string };
}

interface Engine {
  readonly unit: number;
  readonly flights: readonly (readonly number[])[];
}

type Estimator = (flights: readonly (readonly number[])[], upTo: number, cycle: number) => number;
type FeatureFn = (flights: readonly (readonly number[])[], upTo: number, cycle: number) => number[];
type Fit = (engines: readonly Engine[], random: Random) => Estimator;

const truthAt = (engine: Engine, upTo: number) => Math.min(engine.flights.length - 1 - upTo, RUL_CAP);
const clampEstimate = (value: number) => Math.min(RUL_CAP, Math.max(0, value));

function trainingRows(engines: readonly Engine[], features: FeatureFn) {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (const engine of engines) {
    engine.flights.forEach((_, upTo) => {
      rows.push(features(engine.flights, upTo, upTo + 1));
      targets.push(truthAt(engine, upTo));
    });
  }
  return { rows, targets };
}

function fitRul(engines: readonly Engine[], random: Random): RulModel {
  const normalization = fitNormalization(engines.map((e) => e.flights));
  const { rows, targets } = trainingRows(engines, (flights, upTo, cycle) =>
    windowFeatures(normalization, flights, upTo, cycle),
  );
  return {
    name: RUL_MODEL_NAME,
    cap: RUL_CAP,
    window: RUL_WINDOW,
    features: WINDOW_FEATURE_NAMES,
    normalization,
    boosting: BOOSTING,
    trees: fitBoosted(rows, targets, BOOSTING, random),
  };
}

/** Remaining life after flight `upTo` of `flights`, the engine's `cycle`-th flight since new: 0 to the cap. */
export function predictRul(
  model: RulModel,
  flights: readonly (readonly number[])[],
  upTo: number,
  cycle: number,
): number {
  const estimate = predictBoosted(model.trees, windowFeatures(model.normalization, flights, upTo, cycle));
  return Math.min(model.cap, Math.max(0, estimate));
}

const fitBoostedEstimator: Fit = (engines, random) => {
  const model = fitRul(engines, random);
  return (flights, upTo, cycle) => predictRul(model, flights, upTo, cycle);
};

const baselineFeatures: FeatureFn = (flights, upTo, cycle) => [...conditionFeatures(flights, upTo), cycle];

const fitBaselineEstimator: Fit = (engines) => {
  const { rows, targets } = trainingRows(engines, baselineFeatures);
  const model = fitRidge(rows, targets, RIDGE_LAMBDA);
  return (flights, upTo, cycle) =>
    clampEstimate(predictLinear(model, baselineFeatures(flights, upTo, cycle)));
};

/** Fold of each engine: a seeded shuffle of the engines dealt round the folds. */
function assignFolds(engines: readonly Engine[], seed: number): Map<number, number> {
  const random = createRandom(mixSeed(seed, 1));
  const units = engines.map((e) => e.unit);
  for (let i = units.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [units[i], units[j]] = [units[j]!, units[i]!];
  }
  return new Map(units.map((unit, i) => [unit, i % FOLDS]));
}

/**
 * Where a held-out engine is cut: after a uniformly random flight with at least a window flown and at least
 * one flight left, as a test engine stops some time before failure.
 */
function cutsOf(engine: Engine, seed: number): number[] {
  const random = createRandom(mixSeed(seed, 2, engine.unit));
  const first = Math.min(RUL_WINDOW - 1, engine.flights.length - 2);
  const last = engine.flights.length - 2;
  return Array.from(
    { length: CUTS_PER_ENGINE },
    () => first + Math.floor(random.next() * (last - first + 1)),
  );
}

interface CrossValidation {
  readonly figures: ValidationFigures;
  /** Every out-of-fold error from a window's worth of flights on, for the final model's interval. */
  readonly residuals: readonly { readonly estimate: number; readonly error: number }[];
}

/**
 * k-fold by engine. The interval of each cut comes from the errors of the other folds' engines only, so the
 * coverage is measured on engines the interval never saw.
 */
function crossValidate(engines: readonly Engine[], fit: Fit, seed: number): CrossValidation {
  const folds = assignFolds(engines, seed);
  const residualsByFold: { estimate: number; error: number }[][] = [];
  const estimatesByFold: { engine: Engine; upTo: number; estimate: number }[][] = [];
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const estimate = fit(
      engines.filter((e) => folds.get(e.unit) !== fold),
      createRandom(mixSeed(seed, 3, fold)),
    );
    const residuals: { estimate: number; error: number }[] = [];
    const estimates: { engine: Engine; upTo: number; estimate: number }[] = [];
    for (const engine of engines.filter((e) => folds.get(e.unit) === fold)) {
      const cuts = new Set(cutsOf(engine, seed));
      for (
        let upTo = Math.min(RUL_WINDOW - 1, engine.flights.length - 1);
        upTo < engine.flights.length;
        upTo += 1
      ) {
        const value = estimate(engine.flights, upTo, upTo + 1);
        residuals.push({ estimate: value, error: value - truthAt(engine, upTo) });
        if (cuts.has(upTo)) estimates.push({ engine, upTo, estimate: value });
      }
    }
    residualsByFold.push(residuals);
    estimatesByFold.push(estimates);
  }
  const cuts: ScoredCut[] = [];
  estimatesByFold.forEach((estimates, fold) => {
    const bands = calibrateBands(
      residualsByFold.filter((_, other) => other !== fold).flat(),
      INTERVAL_BAND_LIMITS,
      INTERVAL_COVERAGE,
    );
    const byCut = new Map(estimates.map((e) => [`${e.engine.unit}:${e.upTo}`, e]));
    for (const engine of new Set(estimates.map((e) => e.engine))) {
      for (const upTo of cutsOf(engine, seed)) {
        const { estimate } = byCut.get(`${engine.unit}:${upTo}`)!;
        cuts.push({
          unit: engine.unit,
          estimate,
          truth: truthAt(engine, upTo),
          remaining: engine.flights.length - 1 - upTo,
          ...intervalOf(bands, estimate),
        });
      }
    }
  });
  return { figures: scoreCuts(cuts, FOLDS), residuals: residualsByFold.flat() };
}

export function trainModels(rows: readonly CmapssRow[], source: string, seed = TRAINING_SEED): TrainedModels {
  const engines: Engine[] = [...groupByUnit(rows).entries()].map(([unit, cycles]) => ({
    unit,
    flights: cycles.map((row) => [...row.sensors]),
  }));
  const validated = crossValidate(engines, fitBoostedEstimator, seed);
  const baseline = crossValidate(engines, fitBaselineEstimator, seed);
  const condition = trainingRows(engines, (flights, upTo) => conditionFeatures(flights, upTo));
  return {
    source,
    seed,
    rul: fitRul(engines, createRandom(mixSeed(seed, 4))),
    condition: fitRidge(condition.rows, condition.targets, RIDGE_LAMBDA),
    interval: {
      coverage: INTERVAL_COVERAGE,
      bands: calibrateBands(validated.residuals, INTERVAL_BAND_LIMITS, INTERVAL_COVERAGE),
    },
    validation: validated.figures,
    baseline: { name: BASELINE_MODEL_NAME, ...baseline.figures },
  };
}

/** The text of `model.json`: the same models always give the same bytes. */
export function serializeModels(models: TrainedModels): string {
  return `${JSON.stringify(models)}\n`;
}
