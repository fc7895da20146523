import { Downsampler } from './downsample';

const series = (sensor: string, start: number, values: number[], engineId = 'e1') => ({
  engineId,
  sensor,
  start,
  period: 10,
  values: Float64Array.from(values),
});

describe('Downsampler', () => {
  it('summarises the chosen sensors of one engine per interval', () => {
    const sampler = new Downsampler('e1', ['T30', 'T50']);
    sampler.add(series('T30', 1000, [1, 5, 3]));
    sampler.add(series('T30', 1030, [2]));
    sampler.add(series('T50', 1000, [7]));
    sampler.add(series('Nc', 1000, [100]));
    sampler.add(series('T30', 1000, [99], 'e2'));
    expect(sampler.flush(1000, 2000)).toEqual({
      from: 1000,
      to: 2000,
      sensors: [
        { sensor: 'T30', count: 4, min: 1, max: 5, mean: 2.75, last: 2, lastTime: 1030 },
        { sensor: 'T50', count: 1, min: 7, max: 7, mean: 7, last: 7, lastTime: 1000 },
      ],
    });
    expect(sampler.flush(2000, 3000)).toBeNull();
  });
});
