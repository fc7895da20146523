import { Downsampler, liveWindows, windowSummaries } from './downsample';

const series = (sensor: string, start: number, values: number[], engineId = 'e1') => ({
  engineId,
  sensor,
  start,
  period: 40,
  values: Float64Array.from(values),
});

const summaries = (...args: Parameters<typeof liveWindows>) =>
  liveWindows(...args).flatMap((block) => [...windowSummaries(block)]);

describe('live downsampling', () => {
  it('summarises a series per 100 ms window', () => {
    expect(summaries([series('T30', 1000, [1, 5, 3, 2])])).toEqual([
      { sensor: 'T30', count: 3, min: 1, max: 5, sum: 9, last: 3, lastTime: 1080 },
      { sensor: 'T30', count: 1, min: 2, max: 2, sum: 2, last: 2, lastTime: 1120 },
    ]);
  });

  it('leaves out readings older than the given time', () => {
    expect(summaries([series('T30', 1000, [1, 5, 3, 2])], 1070)).toEqual([
      { sensor: 'T30', count: 1, min: 3, max: 3, sum: 3, last: 3, lastTime: 1080 },
      { sensor: 'T30', count: 1, min: 2, max: 2, sum: 2, last: 2, lastTime: 1120 },
    ]);
    const irregular = { ...series('T30', 0, [1, 2, 3]), times: Float64Array.from([10, 500, 900]) };
    expect(summaries([irregular], 500).map((w) => w.lastTime)).toEqual([500, 900]);
  });

  it('groups windows by engine, leaving out sensors and engines with none left', () => {
    const blocks = liveWindows(
      [
        series('T30', 1000, [1, 2]),
        series('T50', 0, [9]),
        series('T30', 1000, [4], 'e2'),
        series('T30', 0, [1], 'e3'),
        // Enough windows to outgrow the first guess of the block's size.
        series(
          'Nc',
          1000,
          Array.from({ length: 2_000 }, (_, i) => i),
        ),
      ],
      500,
    );
    expect(blocks.map((b) => [b.engineId, b.sensors])).toEqual([
      ['e1', ['T30', 'Nc']],
      ['e2', ['T30']],
    ]);
    expect([...blocks[0]!.ends]).toEqual([1, 1 + 800]);
    const nc = [...windowSummaries(blocks[0]!)].filter((w) => w.sensor === 'Nc');
    expect(nc.reduce((sum, w) => sum + w.count, 0)).toBe(2_000);
    expect(nc.at(-1)).toMatchObject({ last: 1_999, lastTime: 1000 + 1_999 * 40 });
    // Only the windows' own numbers are handed over: no slack in the buffers.
    expect(blocks[0]!.stats.buffer.byteLength).toBe(801 * 6 * 8);
  });

  it('folds the windows of the chosen sensors into one frame per interval', () => {
    const sampler = new Downsampler(['T30', 'T50']);
    for (const block of liveWindows([
      series('T30', 1000, [1, 5, 3, 2]),
      series('T50', 1000, [7]),
      series('Nc', 1000, [100]),
    ])) {
      sampler.add(block);
    }
    sampler.add(liveWindows([series('T30', 1200, [0.5])])[0]!);
    expect(sampler.flush(1000, 2000)).toEqual({
      from: 1000,
      to: 2000,
      sensors: [
        { sensor: 'T30', count: 5, min: 0.5, max: 5, mean: 2.3, last: 0.5, lastTime: 1200 },
        { sensor: 'T50', count: 1, min: 7, max: 7, mean: 7, last: 7, lastTime: 1000 },
      ],
    });
    expect(sampler.flush(2000, 3000)).toBeNull();
  });
});
