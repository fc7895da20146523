import fs from 'node:fs';
import path from 'node:path';
import { groupByUnit, parseCmapss } from '../cmapss/parse';
import { flightValues, planEngine } from '../generate/fleet';
import { estimateRul, healthIndexAt, healthTrend, models } from './assess';
import { fitRidge, predictLinear } from './ridge';
import { RUL_CAP, serializeModels, trainModels } from './train';
import { SHARED_DATA_DIR } from '@meridian/kit';

const TRAIN = path.join(SHARED_DATA_DIR, 'turbofan', 'cmapss_FD001', 'train_FD001.txt');
const MODEL_FILE = path.join(__dirname, 'model.json');
const withData = fs.existsSync(TRAIN) ? describe : describe.skip;
if (!fs.existsSync(TRAIN)) console.warn(`skipping model training tests: ${TRAIN} is absent`);

/** A full training run: ten boosted models for the folds of two validations and the final fit. */
const TRAINING_TIMEOUT_MS = 600_000;

describe('fitRidge', () => {
  it('recovers the coefficients of a noiseless linear relation', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i, (i * 7) % 11, Math.sin(i)]);
    const targets = rows.map(([a, b, c]) => 3 * a! - 2 * b! + 5 * c! + 4);
    const model = fitRidge(rows, targets, 1e-9);
    expect(predictLinear(model, [10, 3, 0.5])).toBeCloseTo(3 * 10 - 2 * 3 + 5 * 0.5 + 4, 6);
  });
});

describe('the committed remaining-life model', () => {
  it('validated at an RMSE of at most 15 flights, better than the ridge regression it replaced', () => {
    expect(models.validation).toMatchObject({ engines: 100, folds: 5 });
    expect(models.validation.rmse).toBeLessThanOrEqual(15);
    expect(models.validation.rmse).toBeLessThan(models.baseline.rmse);
    expect(models.validation.phm08Score).toBeLessThan(models.baseline.phm08Score);
  });

  it('has an 80 % interval that held the truth for 78–82 % of the held-out cuts', () => {
    expect(models.interval.coverage).toBe(0.8);
    expect(models.validation.coverage).toBeGreaterThanOrEqual(0.78);
    expect(models.validation.coverage).toBeLessThanOrEqual(0.82);
  });
});

withData('the remaining-life model trained on train_FD001', () => {
  const engines = () => [...groupByUnit(parseCmapss(fs.readFileSync(TRAIN, 'utf8'), TRAIN)).values()];

  it(
    'is, byte for byte, what `npm run train` rebuilds',
    () => {
      const rebuilt = serializeModels(
        trainModels(parseCmapss(fs.readFileSync(TRAIN, 'utf8'), TRAIN), 'train_FD001.txt'),
      );
      const committed = fs.readFileSync(MODEL_FILE, 'utf8');
      expect(JSON.parse(rebuilt)).toMatchObject({ validation: models.validation, baseline: models.baseline });
      expect(rebuilt === committed).toBe(true);
    },
    TRAINING_TIMEOUT_MS,
  );

  it('estimates engines cut early, midway and near failure in the right order, inside their intervals', () => {
    const estimates = engines().map((cycles) => {
      const flights = cycles.map((row) => [...row.sensors]);
      const at = (upTo: number) => ({
        truth: flights.length - 1 - upTo,
        ...estimateRul(flights, upTo, upTo + 1),
      });
      return { early: at(30), midway: at(flights.length - 61), late: at(flights.length - 6) };
    });
    for (const engine of estimates) {
      for (const cut of [engine.early, engine.midway, engine.late]) {
        expect(cut.cycles).toBeGreaterThanOrEqual(0);
        expect(cut.cycles).toBeLessThanOrEqual(RUL_CAP);
        expect(cut.lower).toBeLessThanOrEqual(cut.cycles);
        expect(cut.upper).toBeGreaterThanOrEqual(cut.cycles);
      }
    }
    const share = (test: (e: (typeof estimates)[number]) => boolean) =>
      estimates.filter(test).length / estimates.length;
    // Thirty flights in, every engine has more than the cap left; five flights before failure, almost none.
    expect(share((e) => e.early.cycles > 90)).toBeGreaterThan(0.9);
    expect(share((e) => e.late.cycles < 25)).toBeGreaterThan(0.9);
    expect(share((e) => e.early.cycles > e.midway.cycles && e.midway.cycles > e.late.cycles)).toBeGreaterThan(
      0.9,
    );
    expect(share((e) => Math.abs(e.midway.cycles - e.midway.truth) < 25)).toBeGreaterThan(0.8);
  });
});

describe('the models', () => {
  it('read no test set and no true remaining life of a test set: only the training file', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return sources(file);
        return /\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : [];
      });
    const root = path.resolve(__dirname, '..', '..');
    const files = [...sources(path.join(root, 'src')), path.join(root, 'package.json')];
    const mentions = files.filter((file) => /RUL_FD00\d|test_FD00\d/.test(fs.readFileSync(file, 'utf8')));
    expect(mentions).toEqual([]);
    expect(models.source).toBe('train_FD001.txt');
  });
});

describe('generated engines', () => {
  it('are the same for the same seed and different for another', () => {
    expect(flightValues(planEngine(7, 3), 40)).toEqual(flightValues(planEngine(7, 3), 40));
    expect(flightValues(planEngine(8, 3), 40)).not.toEqual(flightValues(planEngine(7, 3), 40));
  });

  it('degrade: health falls and remaining life shrinks towards the end of life', () => {
    const plan = planEngine(1, 0);
    const flights = Array.from({ length: plan.lifetime }, (_, i) => flightValues(plan, i + 1));
    const early = Math.round(plan.lifetime * 0.2);
    const late = plan.lifetime - 1;
    expect(healthIndexAt(flights, early)).toBeGreaterThan(healthIndexAt(flights, late) + 0.4);
    expect(estimateRul(flights, early, early + 1).cycles).toBeGreaterThan(
      estimateRul(flights, late, late + 1).cycles + 50,
    );
    expect(estimateRul(flights, late, late + 1).cycles).toBeLessThan(30);
    const indices = flights.slice(late - 30, late + 1).map((_, i) => healthIndexAt(flights, late - 30 + i));
    expect(healthTrend(indices)).toBeLessThan(0);
  });
});
