import { createLogger } from '@meridian/kit';
import { openTelemetryStore, type TelemetryStore } from '../store';
import { seedIfEmpty } from '../seed';
import { testLocations } from '../store/test-locations';
import { startDemoStream } from './stream';

const [sqlite] = testLocations(undefined);

describe('the demo stream', () => {
  let store: TelemetryStore;
  beforeAll(async () => {
    ({ store } = await openTelemetryStore({
      location: sqlite!.create(),
      seedIfEmpty: (s) => seedIfEmpty(s, { seed: 3, sensors: 30, flights: 10, now: Date.now() - 1000 }),
    }));
  });
  afterAll(() => store.close());

  it('keeps sending samples and landing flights, each after the last', async () => {
    const before = await store.flightsByEngineIds(['eng_0001_1']);
    const batches: number[] = [];
    const stream = await startDemoStream(
      store,
      { seed: 3, sensors: 25, rateHz: 100, tickMs: 20, flightEveryMs: 150 },
      createLogger('test', 'silent'),
      { onReadings: (series) => batches.push(series.length) },
    );
    // Waits for the events rather than a fixed time: the machine may be busy.
    const deadline = Date.now() + 20_000;
    let after = before;
    while ((batches.length < 4 || after.length < before.length + 2) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await store.flightsByEngineIds(['eng_0001_1']);
    }
    await stream.stop();
    after = await store.flightsByEngineIds(['eng_0001_1']);
    expect(after.length).toBeGreaterThanOrEqual(before.length + 2);
    expect(after.map((f) => f.cycle)).toEqual(after.map((_, i) => before[0]!.cycle + i));
    // 18 engines × 25 sensors a batch, and every sensor's newest reading is recent.
    expect(batches.length).toBeGreaterThan(3);
    expect(new Set(batches)).toEqual(new Set([18 * 25]));
    const heads = await store.newestReadings(['eng_0001_1']);
    expect(heads.filter((h) => h.time > Date.now() - 2000)).toHaveLength(25);
  }, 30_000);
});
