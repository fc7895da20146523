import { createRandom } from '../generate/random';
import { fitBoosted, predictBoosted, type BoostingOptions } from './gbt';

const OPTIONS: BoostingOptions = { trees: 150, depth: 3, learningRate: 0.1, minLeafRows: 5, rowSample: 0.7 };

/** Rows of three features, the target a step in the first plus a curve in the second; the third is noise. */
function sample(count: number, seed: number) {
  const random = createRandom(seed);
  const rows = Array.from({ length: count }, () => [random.next(), random.next(), random.next()]);
  const targets = rows.map(([a, b]) => (a! > 0.6 ? 10 : 0) + 5 * b! * b!);
  return { rows, targets };
}

const rmse = (predicted: readonly number[], actual: readonly number[]) =>
  Math.sqrt(predicted.reduce((s, p, i) => s + (p - actual[i]!) ** 2, 0) / predicted.length);

describe('fitBoosted', () => {
  it('learns a step and a curve that a mean or a line cannot, on rows it never saw', () => {
    const train = sample(2000, 1);
    const test = sample(500, 2);
    const model = fitBoosted(train.rows, train.targets, OPTIONS, createRandom(3));
    const predicted = test.rows.map((row) => predictBoosted(model, row));
    const mean = train.targets.reduce((s, t) => s + t, 0) / train.targets.length;
    // Rows between the bin edges either side of the step (64 bins: 1/64 apart) are the error left.
    expect(rmse(predicted, test.targets)).toBeLessThan(1);
    expect(rmse(predicted, test.targets)).toBeLessThan(
      rmse(
        test.rows.map(() => mean),
        test.targets,
      ) / 5,
    );
  });

  it('grows the same trees from the same seed and other trees from another', () => {
    const { rows, targets } = sample(500, 4);
    const once = fitBoosted(rows, targets, OPTIONS, createRandom(5));
    expect(fitBoosted(rows, targets, OPTIONS, createRandom(5))).toEqual(once);
    expect(fitBoosted(rows, targets, OPTIONS, createRandom(6))).not.toEqual(once);
  });

  it('keeps to the depth asked for, and predicts the same after a trip through JSON', () => {
    const { rows, targets } = sample(300, 7);
    const model = fitBoosted(rows, targets, { ...OPTIONS, depth: 2 }, createRandom(8));
    expect(model.trees).toHaveLength(OPTIONS.trees);
    for (const tree of model.trees) {
      // A binary tree of depth 2 has at most 7 nodes.
      expect(tree.feature.length).toBeLessThanOrEqual(7);
    }
    const copy = JSON.parse(JSON.stringify(model)) as typeof model;
    expect(rows.map((r) => predictBoosted(copy, r))).toEqual(rows.map((r) => predictBoosted(model, r)));
  });

  it('leaves a constant feature alone and predicts the mean of a constant target', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [1, i]);
    const model = fitBoosted(
      rows,
      rows.map(() => 42),
      OPTIONS,
      createRandom(9),
    );
    expect(predictBoosted(model, [1, 50])).toBeCloseTo(42, 9);
    expect(model.trees.every((tree) => tree.feature.every((f) => f !== 0))).toBe(true);
  });
});
