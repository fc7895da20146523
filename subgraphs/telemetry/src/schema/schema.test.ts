import 'reflect-metadata';
import { createPubSub } from '@meridian/kit';
import { graphql, type GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { createContext } from '../context';
import { openTelemetryStore, type TelemetryStore } from '../store';
import { seedIfEmpty } from '../seed';
import { testLocations } from '../store/test-locations';
import { buildTelemetrySchema } from './index';
import { MAX_SERIES_BUCKETS } from '../config';
import { models } from '../models/assess';

// Minute-aligned, so a two-minute series maps onto whole minute rollups.
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const ENGINE = 'eng_0001_1';

/** Wraps a store so the test can count the calls each method gets. */
function counting(store: TelemetryStore): { store: TelemetryStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property: string) {
      const value = target[property as keyof TelemetryStore];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

const locations = testLocations(process.env.DATABASE_URL);
afterAll(() => Promise.all(locations.map((l) => l.dropAll())));

describe.each(locations)('the telemetry schema on $name', (location) => {
  let schema: GraphQLSchema;
  let store: TelemetryStore;
  let pubSub: PubSub;
  const run = async (source: string, variableValues?: Record<string, unknown>, on = store) => {
    const result = await graphql({
      schema,
      source,
      variableValues,
      contextValue: createContext(on, { principal: null, pubSub }),
    });
    return { data: result.data as Record<string, never>, errors: result.errors };
  };

  beforeAll(async () => {
    ({ store } = await openTelemetryStore({
      location: location.create(),
      seedIfEmpty: (s) => seedIfEmpty(s, { seed: 1, sensors: 100, flights: 60, now: NOW - 3_600_000 }),
    }));
    pubSub = await createPubSub();
    schema = await buildTelemetrySchema(pubSub);
  });
  afterAll(() => store.close());

  it('gives every fleet its aircraft, engines, health, remaining life and alerts with one store call per kind', async () => {
    const { store: counted, calls } = counting(store);
    const { data, errors } = await run(
      `{ fleets { id operator { id } aircraft { registration engines {
          id health { index trend cycle } remainingLife { cycles lower upper modelRmse } alerts(first: 3) { kind severity }
        } } } }`,
      undefined,
      counted,
    );
    expect(errors).toBeUndefined();
    const engines = (
      data.fleets as {
        aircraft: {
          engines: {
            health: { index: number };
            remainingLife: { cycles: number; lower: number; upper: number };
          }[];
        }[];
      }[]
    )
      .flatMap((f) => f.aircraft)
      .flatMap((a) => a.engines);
    expect(engines.length).toBe(18);
    for (const engine of engines) {
      expect(engine.health.index).toBeGreaterThanOrEqual(0);
      expect(engine.health.index).toBeLessThanOrEqual(1);
      expect(engine.remainingLife.lower).toBeLessThanOrEqual(engine.remainingLife.cycles);
      expect(engine.remainingLife.upper).toBeGreaterThanOrEqual(engine.remainingLife.cycles);
    }
    expect(Object.fromEntries(calls)).toEqual({
      listFleets: 1,
      aircraftByFleetIds: 1,
      enginesByAircraftIds: 1,
      latestAssessmentsByEngineIds: 1,
      latestAlertsByEngineIds: 1,
    });
  });

  it('names the remaining-life model and gives the validation figures of the committed model file', async () => {
    const { data, errors } = await run(
      `query ($id: ID!) { engine(id: $id) { remainingLife { modelRmse model {
          name trainedOn cap validation { folds engines cuts rmse mae bias phm08Score coverage }
        } } } }`,
      { id: ENGINE },
    );
    expect(errors).toBeUndefined();
    const { remainingLife } = data.engine as {
      remainingLife: { modelRmse: number; model: { validation: Record<string, number> } };
    };
    const { folds, engines, cuts, rmse, mae, bias, phm08Score, coverage } = models.validation;
    expect(remainingLife.model).toEqual({
      name: models.rul.name,
      trainedOn: 'train_FD001.txt',
      cap: 125,
      validation: { folds, engines, cuts, rmse, mae, bias, phm08Score, coverage },
    });
    expect(remainingLife.modelRmse).toBe(rmse);
  });

  it('lists engines needing attention, shortest remaining life first', async () => {
    const { data, errors } = await run(
      '{ enginesNeedingAttention(first: 50) { reasons engine { id remainingLife { cycles } } } }',
    );
    expect(errors).toBeUndefined();
    const listed = data.enginesNeedingAttention as {
      reasons: string[];
      engine: { remainingLife: { cycles: number } };
    }[];
    expect(listed.length).toBeGreaterThan(0);
    for (const item of listed) expect(item.reasons.length).toBeGreaterThan(0);
    const lives = listed.map((i) => i.engine.remainingLife.cycles);
    expect(lives).toEqual([...lives].sort((a, b) => a - b));
  });

  it('ingests a small batch through the mutation once, and serves it as a series', async () => {
    const readings = Array.from({ length: 120 }, (_, i) => ({
      sensor: 'AUX0003',
      time: new Date(NOW - 120_000 + i * 1000).toISOString(),
      value: i,
    }));
    const mutation = `mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings series duplicate } }`;
    const batch = { idempotencyKey: 'm-1', engine: ENGINE, readings };
    expect((await run(mutation, { batch })).data.ingestReadings).toEqual({
      readings: 120,
      series: 1,
      duplicate: false,
    });
    expect((await run(mutation, { batch })).data.ingestReadings).toEqual({
      readings: 120,
      series: 1,
      duplicate: true,
    });

    const { data, errors } = await run(
      `query ($from: DateTimeISO!, $to: DateTimeISO!) {
        series(engine: "${ENGINE}", sensor: "AUX0003", from: $from, to: $to, buckets: 2) { source buckets { count min max mean } }
      }`,
      { from: new Date(NOW - 120_000).toISOString(), to: new Date(NOW).toISOString() },
    );
    expect(errors).toBeUndefined();
    expect(data.series).toEqual({
      source: 'MINUTE',
      buckets: [
        { count: 60, min: 0, max: 59, mean: 29.5 },
        { count: 60, min: 60, max: 119, mean: 89.5 },
      ],
    });
  });

  it('rejects a bad batch whole with every problem listed, and writes none of it', async () => {
    const readings = [
      { sensor: 'AUX0004', time: new Date(NOW - 5000).toISOString(), value: 1 },
      { sensor: 'NOPE', time: new Date(NOW - 5000).toISOString(), value: 1 },
      { sensor: 'AUX0004', time: new Date(NOW - 6000).toISOString(), value: 2 },
    ];
    const { errors } = await run(
      `mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings } }`,
      { batch: { idempotencyKey: 'm-bad', engine: ENGINE, readings } },
    );
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'batch',
      problemCount: 2,
    });
    const problems = errors![0]!.extensions.problems as { at: string }[];
    expect(problems.map((p) => p.at).sort()).toEqual(['batch.readings[1]', 'batch.readings[2]']);
    expect((await store.newestReadings([ENGINE])).find((h) => h.sensor === 'AUX0004')).toBeUndefined();
  });

  it.each([
    ['buckets', 0, 'Q', 'T30'],
    ['buckets', MAX_SERIES_BUCKETS + 1, 'Q', 'T30'],
    ['to', 10, 'REVERSED', 'T30'],
    ['sensor', 10, 'Q', 'NOPE'],
  ])(
    'answers a bad series request with BAD_USER_INPUT naming %s',
    async (argument, buckets, range, sensor) => {
      const from = new Date(NOW - 86_400_000).toISOString();
      const to = new Date(NOW).toISOString();
      const [a, b] = range === 'REVERSED' ? [to, from] : [from, to];
      const { errors } = await run(
        `{ series(engine: "${ENGINE}", sensor: "${sensor}", from: "${a}", to: "${b}", buckets: ${buckets}) { source } }`,
      );
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      if (argument === 'buckets') expect(errors![0]!.message).toContain(String(MAX_SERIES_BUCKETS));
    },
  );

  it('filters alerts by engine, kind and severity', async () => {
    const { data, errors } = await run(
      '{ alerts(kind: TREND, first: 100) { kind severity engine { id } sensor { id } } }',
    );
    expect(errors).toBeUndefined();
    const alerts = data.alerts as { kind: string; sensor: unknown; engine: { id: string } }[];
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) expect(alert).toMatchObject({ kind: 'TREND', sensor: null });
    const engine = alerts[0]!.engine.id;
    const one = await run(`{ alerts(engine: "${engine}", severity: WARNING) { engine { id } severity } }`);
    for (const alert of one.data.alerts as { engine: { id: string }; severity: string }[]) {
      expect(alert).toEqual({ engine: { id: engine }, severity: 'WARNING' });
    }
  });
});
