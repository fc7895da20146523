import { createRandom } from '../generate/random';
import { calibrateBands, intervalOf, phm08Cost, scoreCuts, type ScoredCut } from './validation';

describe('phm08Cost', () => {
  it('charges e − 1 for 13 flights early and for 10 flights late, nothing for a hit', () => {
    expect(phm08Cost(0)).toBe(0);
    expect(phm08Cost(-13)).toBeCloseTo(Math.E - 1, 12);
    expect(phm08Cost(10)).toBeCloseTo(Math.E - 1, 12);
    expect(phm08Cost(20)).toBeGreaterThan(phm08Cost(-20));
  });
});

describe('scoreCuts', () => {
  it('gives RMSE, MAE, bias, the PHM08 score per 100 cuts and the coverage of the intervals', () => {
    const cut = (unit: number, estimate: number, truth: number, half: number): ScoredCut => ({
      unit,
      estimate,
      truth,
      remaining: truth,
      lower: estimate - half,
      upper: estimate + half,
    });
    const figures = scoreCuts(
      [cut(1, 50, 40, 5), cut(1, 30, 40, 20), cut(2, 100, 100, 1), cut(3, 7, 4, 2)],
      2,
    );
    expect(figures).toMatchObject({ engines: 3, cuts: 4, folds: 2, coverage: 0.5 });
    expect(figures.rmse).toBeCloseTo(Math.sqrt((100 + 100 + 0 + 9) / 4), 3);
    expect(figures.mae).toBeCloseTo(23 / 4, 3);
    expect(figures.bias).toBeCloseTo(3 / 4, 3);
    expect(figures.phm08Score).toBeCloseTo((100 * (phm08Cost(10) + phm08Cost(-10) + phm08Cost(3))) / 4, 1);
  });
});

describe('calibrateBands', () => {
  it('gives intervals that hold 80 % of new errors when the errors widen with the estimate', () => {
    const random = createRandom(1);
    const draw = () => {
      const estimate = random.next() * 125;
      return { estimate, error: (2 + estimate / 10) * random.normal() };
    };
    const bands = calibrateBands(Array.from({ length: 20_000 }, draw), [25, 50, 75, 100], 0.8);
    expect(bands).toHaveLength(5);
    expect(bands[4]!.high - bands[4]!.low).toBeGreaterThan(2 * (bands[0]!.high - bands[0]!.low));
    const fresh = Array.from({ length: 5000 }, draw);
    const held = fresh.filter(({ estimate, error }) => {
      const { lower, upper } = intervalOf(bands, estimate);
      const truth = estimate - error;
      return truth >= lower && truth <= upper;
    }).length;
    // Truths below 0 are clipped by the interval's floor, so a few more fall outside on the low side.
    expect(held / fresh.length).toBeGreaterThan(0.77);
    expect(held / fresh.length).toBeLessThan(0.83);
  });
});
