import { forEachWindow, timeAt, type SensorSeries } from './batch';

/** The runs as reading every time gives them. */
function naiveRuns(series: SensorSeries, width: number): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let index = 0; index < series.values.length; index += 1) {
    const window = Math.floor(timeAt(series, index) / width);
    const last = runs.at(-1);
    if (last?.[0] === window) last[2] = index + 1;
    else runs.push([window, index, index + 1]);
  }
  return runs;
}

function runs(series: SensorSeries, width: number): [number, number, number][] {
  const found: [number, number, number][] = [];
  forEachWindow(series, width, 0, (window, from, to) => found.push([window, from, to]));
  return found;
}

describe('windows of a series', () => {
  it('finds the same runs by arithmetic as by reading every time', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let trial = 0; trial < 100; trial += 1) {
      const period = [1, 0.1, 1 / 3, 7.3, 999.9, 1000, 1234.5][trial % 7]! * (1 + random());
      const start = 1.767e12 + random() * 1e7 - (trial % 2) * 0.5;
      const length = 1 + Math.floor(random() * 1000);
      const series: SensorSeries = {
        engineId: 'e',
        sensor: 's',
        start,
        period,
        values: new Float64Array(length),
      };
      for (const width of [100, 1_000, 60_000]) expect(runs(series, width)).toEqual(naiveRuns(series, width));
    }
  });

  it('reads every time of an irregular series', () => {
    const times = Float64Array.from([5, 99, 100, 101, 250, 999, 1000]);
    const series = { engineId: 'e', sensor: 's', start: 5, period: 0, times, values: new Float64Array(7) };
    expect(runs(series, 100)).toEqual([
      [0, 0, 2],
      [1, 2, 4],
      [2, 4, 5],
      [9, 5, 6],
      [10, 6, 7],
    ]);
  });
});
