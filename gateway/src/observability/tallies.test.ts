import { Counter, Histogram, Registry } from 'prom-client';
import { TalliedCounter, TalliedHistogram, type HistogramSeries } from './tallies';

const BOUNDS = [0.001, 0.01, 0.1, 1];

/** The same observations through prom-client's own metrics and through the tallied ones. */
function both() {
  const native = new Registry();
  const tallied = new Registry();
  const names = { name: 'fetch_seconds', help: 'Fetches.', labelNames: ['subgraph', 'outcome'] as const };
  const counted = { name: 'answers_total', help: 'Answers.', labelNames: ['result'] as const };
  const histogram = new Histogram({ ...names, buckets: BOUNDS, registers: [native] });
  const counter = new Counter({ ...counted, registers: [native] });
  const talliedHistogram = new TalliedHistogram({ ...names, registry: tallied }, BOUNDS);
  const talliedCounter = new TalliedCounter({ ...counted, registry: tallied });
  const histograms = new Map<string, HistogramSeries<'subgraph' | 'outcome'>>();
  const counters = new Map<string, ReturnType<typeof talliedCounter.series>>();
  return {
    native,
    tallied,
    observe(subgraph: string, outcome: string, seconds: number) {
      histogram.observe({ subgraph, outcome }, seconds);
      const key = `${subgraph} ${outcome}`;
      if (!histograms.has(key)) histograms.set(key, talliedHistogram.series({ subgraph, outcome }));
      histograms.get(key)!.observe(seconds);
    },
    count(result: string) {
      counter.inc({ result });
      if (!counters.has(result)) counters.set(result, talliedCounter.series({ result }));
      counters.get(result)!.inc();
    },
  };
}

describe('tallied metrics', () => {
  it('print what prom-client prints for the same observations', async () => {
    const metrics = both();
    expect(await metrics.tallied.metrics()).toBe(await metrics.native.metrics());
    const values = [0.0004, 0.001, 0.005, 0.3, 0.02, 7, 0.0999, 1, 0.00001, 2.5];
    values.forEach((seconds, i) => {
      metrics.observe(i % 3 === 0 ? 'matches' : 'billing', i % 4 === 0 ? 'error' : 'ok', seconds);
      metrics.count(i % 2 === 0 ? 'hit' : 'miss');
    });
    expect(await metrics.tallied.metrics()).toBe(await metrics.native.metrics());
    expect(await metrics.tallied.getMetricsAsJSON()).toEqual(await metrics.native.getMetricsAsJSON());
  });

  it('refuse a value that is not a number, as prom-client does', () => {
    const metrics = both();
    expect(() => metrics.observe('matches', 'ok', Number.NaN)).toThrow(TypeError);
  });
});
