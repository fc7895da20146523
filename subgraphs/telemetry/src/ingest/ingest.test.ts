import { openTelemetryStore, type TelemetryStore } from '../store';
import { seedIfEmpty } from '../seed';
import { testLocations } from '../store/test-locations';
import { bucketChunks, bucketRollups } from '../series/series';
import { encodeBinaryFrame, parseBinary } from './binary';
import { ingestBatch } from './ingest';
import { parseNdjson } from './ndjson';

const NOW = Date.UTC(2026, 0, 10, 12);
const ENGINE = 'eng_0001_1';

const locations = testLocations(process.env.DATABASE_URL);
afterAll(() => Promise.all(locations.map((l) => l.dropAll())));

async function freshStore(location: (typeof locations)[number]): Promise<TelemetryStore> {
  const { store } = await openTelemetryStore({
    location: location.create(),
    seedIfEmpty: (s) => seedIfEmpty(s, { seed: 1, sensors: 40, flights: 5, now: NOW - 86_400_000 }),
  });
  return store;
}

describe('binary frames', () => {
  it('round-trip engine, sensors, timing and values', () => {
    const values = [Float64Array.from([1, 2, 3]), Float64Array.from([-1, 0.5, 1e300])];
    const body = Buffer.concat([
      encodeBinaryFrame({ engineId: 'e1', start: 1000, period: 0.5, sensors: ['T30', 'Nc'], values }),
      encodeBinaryFrame({
        engineId: 'e2',
        start: 5,
        period: 1,
        sensors: ['AUX0001'],
        values: [Float64Array.from([9])],
      }),
    ]);
    const parsed = parseBinary(body);
    expect(parsed.problems).toEqual([]);
    expect(parsed.readings).toBe(7);
    expect(parsed.series.map((s) => [s.engineId, s.sensor, s.start, s.period, [...s.values]])).toEqual([
      ['e1', 'T30', 1000, 0.5, [1, 2, 3]],
      ['e1', 'Nc', 1000, 0.5, [-1, 0.5, 1e300]],
      ['e2', 'AUX0001', 5, 1, [9]],
    ]);
  });

  it('reports a truncated or foreign body instead of reading past it', () => {
    const frame = encodeBinaryFrame({
      engineId: 'e',
      start: 0,
      period: 1,
      sensors: ['a'],
      values: [new Float64Array(4)],
    });
    expect(parseBinary(frame.subarray(0, frame.length - 1)).problems[0]!.message).toMatch(/needs \d+ bytes/);
    expect(parseBinary(Buffer.from('not a frame at all, but long enough')).problems[0]!.message).toMatch(
      /magic MRB1/,
    );
  });
});

describe('NDJSON bodies', () => {
  it('groups readings into series and names malformed lines', () => {
    const parsed = parseNdjson(
      [
        '{"engine":"e","sensor":"T30","time":"2026-01-01T00:00:00Z","value":1}',
        '{"engine":"e","sensor":"T30","time":1767225601000,"value":2}',
        '{"engine":"e","sensor":"T30"',
        '',
        '{"engine":"e","sensor":"","time":"yesterday","value":"1"}',
      ].join('\n'),
    );
    expect(parsed.readings).toBe(2);
    expect([...parsed.series[0]!.values]).toEqual([1, 2]);
    expect(parsed.problems.map((p) => p.at)).toEqual(['line 3', 'line 5']);
    expect(parsed.problems[1]!.message).toMatch(/sensor.*time.*value/);
  });
});

describe.each(locations)('ingestBatch on $name', (location) => {
  let store: TelemetryStore;
  beforeAll(async () => {
    store = await freshStore(location);
  });
  afterAll(() => store.close());

  it('rejects a batch whole, listing every problem, and writes nothing', async () => {
    const parsed = parseNdjson(
      [
        { engine: ENGINE, sensor: 'T30', time: NOW - 3000, value: 1590 },
        { engine: ENGINE, sensor: 'T30', time: NOW - 4000, value: 1591 },
        { engine: ENGINE, sensor: 'NOPE', time: NOW - 3000, value: 1 },
        { engine: 'eng_none', sensor: 'T30', time: NOW - 3000, value: 1 },
        { engine: ENGINE, sensor: 'T50', time: NOW + 3_600_000, value: 1400 },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const outcome = await ingestBatch(store, { idempotencyKey: 'bad-1', series: parsed.series }, NOW);
    expect(outcome.accepted).toBe(false);
    if (outcome.accepted) return;
    const byLine = Object.fromEntries(outcome.problems.map((p) => [p.at, p.message]));
    expect(byLine['line 2']).toMatch(/not after the previous reading/);
    expect(byLine['line 3']).toMatch(/no sensor "NOPE"/);
    expect(byLine['line 4']).toMatch(/unknown engine "eng_none"/);
    expect(byLine['line 5']).toMatch(/in the future/);
    expect(outcome.problemCount).toBe(4);
    expect(await store.chunks({ engineId: ENGINE, sensor: 'T30', from: NOW - 10_000, to: NOW })).toEqual([]);
    expect(await store.findBatch('bad-1')).toBeNull();
  });

  it('rejects NaN and infinite values, with the parse problems of the body beside them', async () => {
    const values = [Float64Array.from([1, Number.NaN, Infinity, 4])];
    const body = encodeBinaryFrame({
      engineId: ENGINE,
      start: NOW - 60_000,
      period: 1000,
      sensors: ['P30'],
      values,
    });
    const earlier = [{ at: 'line 9', message: 'not JSON' }];
    const outcome = await ingestBatch(
      store,
      { idempotencyKey: 'nan-1', series: parseBinary(body).series },
      NOW,
      earlier,
    );
    expect(outcome.accepted).toBe(false);
    if (outcome.accepted) return;
    expect(outcome.problems.map((p) => p.at)).toEqual([
      'line 9',
      'frame 0 sensor P30 sample 1',
      'frame 0 sensor P30 sample 2',
    ]);
    expect(outcome.problems[1]!.message).toMatch(/finite number, got NaN/);
  });

  it('writes a binary batch once, counts a retry with the same key once, and serves it from rollups', async () => {
    const samples = 6_000;
    const start = NOW - 600_000;
    const values = [
      Float64Array.from({ length: samples }, (_, i) => Math.sin(i / 50) * 10 + 100),
      Float64Array.from({ length: samples }, (_, i) => i),
    ];
    const body = encodeBinaryFrame({
      engineId: ENGINE,
      start,
      period: 100,
      sensors: ['AUX0001', 'AUX0002'],
      values,
    });
    const batch = { idempotencyKey: 'bin-1', series: parseBinary(body).series };
    const first = await ingestBatch(store, batch, NOW);
    expect(first).toMatchObject({ accepted: true, duplicate: false, readings: 12_000, series: 2 });
    const again = await ingestBatch(
      store,
      { idempotencyKey: 'bin-1', series: parseBinary(body).series },
      NOW,
    );
    expect(again).toMatchObject({ accepted: true, duplicate: true, readings: 12_000 });

    const range = { engineId: ENGINE, sensor: 'AUX0001', from: start, to: start + samples * 100 };
    const raw = bucketChunks(await store.chunks(range), range.from, range.to, 10);
    expect(raw.reduce((sum, b) => sum + b.count, 0)).toBe(samples);
    for (const resolution of [1_000, 60_000]) {
      const rolled = bucketRollups(await store.rollups({ ...range, resolution }), range.from, range.to, 10);
      const exact = bucketChunks(await store.chunks(range), range.from, range.to, 10);
      expect(rolled.map((b) => b.count)).toEqual(exact.map((b) => b.count));
      rolled.forEach((b, i) => {
        expect(b.min).toBe(exact[i]!.min);
        expect(b.max).toBe(exact[i]!.max);
        expect(b.mean!).toBeCloseTo(exact[i]!.mean!, 9);
      });
    }
    // A later batch with older times is out of order against what is stored.
    const late = await ingestBatch(
      store,
      {
        idempotencyKey: 'bin-2',
        series: parseBinary(
          encodeBinaryFrame({
            engineId: ENGINE,
            start,
            period: 1,
            sensors: ['AUX0001'],
            values: [Float64Array.from([1])],
          }),
        ).series,
      },
      NOW,
    );
    expect(late.accepted).toBe(false);
  });

  it('raises a threshold alert for readings outside the normal range', async () => {
    const outcome = await ingestBatch(
      store,
      {
        idempotencyKey: 'hot-1',
        series: parseNdjson(JSON.stringify({ engine: ENGINE, sensor: 'T50', time: NOW - 1000, value: 1500 }))
          .series,
      },
      NOW,
    );
    expect(outcome).toMatchObject({ accepted: true });
    const alerts = await store.listAlerts({ engineIds: [ENGINE], kind: 'THRESHOLD', first: 5 });
    expect(alerts[0]).toMatchObject({ sensor: 'T50', severity: 'CRITICAL', value: 1500 });
  });
});
