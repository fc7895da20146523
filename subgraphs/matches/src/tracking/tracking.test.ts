import { sampleIndices } from './sampling';
import { computeHeatmap, computePlayerStats, SPEED_ZONES, type PlayerSeries } from './stats';

/** A series at `fps` from a list of speeds (m/s along x), one per step. */
function run(speeds: number[], fps = 10): PlayerSeries {
  const n = speeds.length + 1;
  const times = new Float32Array(n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 1; i < n; i++) {
    times[i] = i / fps;
    x[i] = x[i - 1]! + speeds[i - 1]! / fps;
  }
  return { times, x, y };
}

describe('player stats', () => {
  it('counts a sprint only when above 7 m/s for at least a second', () => {
    const walk = Array(20).fill(1.5);
    const short = Array(8).fill(8); // 0.8 s
    const long = Array(15).fill(8); // 1.5 s
    const stats = computePlayerStats([run([...walk, ...short, ...walk, ...long, ...walk])]);
    expect(stats.sprints).toBe(1);
    expect(stats.topSpeed).toBeCloseTo(8, 5);
    expect(stats.distance).toBeCloseTo(60 * 0.15 + 23 * 0.8, 4);
    expect(stats.zoneDistances.reduce((a, b) => a + b, 0)).toBeCloseTo(stats.distance, 6);
    expect(stats.zoneDistances[0]).toBeGreaterThan(0);
  });

  it('puts distance in the zone of the speed it was covered at', () => {
    const stats = computePlayerStats([run(Array(50).fill(5))]);
    const running = SPEED_ZONES.findIndex((z) => z.name === 'RUNNING');
    expect(stats.zoneDistances[running]).toBeCloseTo(25, 4);
  });

  it('counts no distance across a gap in the feed or an impossible jump', () => {
    const series = run(Array(10).fill(2));
    const gap: PlayerSeries = {
      times: Float32Array.from([...series.times, 10, 10.1]),
      x: Float32Array.from([...series.x, 50, 50.2]),
      y: new Float32Array(series.times.length + 2),
    };
    const stats = computePlayerStats([gap]);
    expect(stats.distance).toBeCloseTo(2 + 0.2, 4);
  });

  it('counts frames on a grid, edge cells taking positions outside the lines', () => {
    const series: PlayerSeries = {
      times: Float32Array.from([0, 0.1, 0.2, 0.3]),
      x: Float32Array.from([-52.5, 0.1, 60, NaN]),
      y: Float32Array.from([-34, 0.1, 40, 0]),
    };
    const counts = computeHeatmap([series], { length: 105, width: 68 }, 2, 2);
    expect(counts).toEqual([1, 0, 0, 2]);
  });
});

describe('sampling', () => {
  it('keeps one frame every `every` seconds from the window start', () => {
    const times = Float32Array.from({ length: 100 }, (_, i) => i / 10);
    expect(sampleIndices(times, 1, 3, 0.5).map((i) => times[i]!.toFixed(1))).toEqual([
      '1.0',
      '1.5',
      '2.0',
      '2.5',
      '3.0',
    ]);
    expect(sampleIndices(times, 1, 1.3)).toEqual([10, 11, 12, 13]);
  });
});
