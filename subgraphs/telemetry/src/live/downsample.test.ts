import { Downsampler, summarize } from './downsample';

const series = (sensor: string, start: number, values: number[]) => ({
  engineId: 'e1',
  sensor,
  start,
  period: 40,
  values: Float64Array.from(values),
});

describe('live downsampling', () => {
  it('summarises a series per 100 ms window', () => {
    expect(summarize(series('T30', 1000, [1, 5, 3, 2]))).toEqual([
      { sensor: 'T30', count: 3, min: 1, max: 5, sum: 9, last: 3, lastTime: 1080 },
      { sensor: 'T30', count: 1, min: 2, max: 2, sum: 2, last: 2, lastTime: 1120 },
    ]);
  });

  it('leaves out readings older than the given time', () => {
    expect(summarize(series('T30', 1000, [1, 5, 3, 2]), 1070)).toEqual([
      { sensor: 'T30', count: 1, min: 3, max: 3, sum: 3, last: 3, lastTime: 1080 },
      { sensor: 'T30', count: 1, min: 2, max: 2, sum: 2, last: 2, lastTime: 1120 },
    ]);
    const irregular = { ...series('T30', 0, [1, 2, 3]), times: Float64Array.from([10, 500, 900]) };
    expect(summarize(irregular, 500).map((w) => w.lastTime)).toEqual([500, 900]);
  });

  it('folds the windows of the chosen sensors into one frame per interval', () => {
    const sampler = new Downsampler(['T30', 'T50']);
    for (const window of [
      ...summarize(series('T30', 1000, [1, 5, 3, 2])),
      ...summarize(series('T50', 1000, [7])),
      ...summarize(series('Nc', 1000, [100])),
    ]) {
      sampler.add(window);
    }
    expect(sampler.flush(1000, 2000)).toEqual({
      from: 1000,
      to: 2000,
      sensors: [
        { sensor: 'T30', count: 4, min: 1, max: 5, mean: 2.75, last: 2, lastTime: 1120 },
        { sensor: 'T50', count: 1, min: 7, max: 7, mean: 7, last: 7, lastTime: 1000 },
      ],
    });
    expect(sampler.flush(2000, 3000)).toBeNull();
  });
});
