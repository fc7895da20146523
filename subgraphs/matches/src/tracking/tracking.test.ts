import { decodeFrameChunk, decodeSlotChunk, encodePeriod, FRAME_SLOT, CHUNK_FRAMES } from './chunks';
import { allocatePeriod } from './model';
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

describe('tracking chunks', () => {
  it('round-trips positions to the centimetre, unknown positions and detected flags, window by window', () => {
    const frames = CHUNK_FRAMES + 10;
    const period = allocatePeriod(2, frames, 2);
    for (let i = 0; i < frames; i++) {
      period.frames[i] = 500 + i;
      period.times[i] = i / 10;
      period.ballX[i] = i / 1000;
      period.ballY[i] = -1.234;
      period.ballZ[i] = 0.5;
      period.possession[i] = i % 3;
      period.x[i] = 10.004 + i / 100;
      period.y[i] = -33.996;
      period.detected[i] = i % 2;
    }
    // Slot 1 is a substitute who is never on the pitch.
    const chunks = encodePeriod(period, 2);
    expect(chunks.map((c) => [c.slot, c.chunk, c.frameCount])).toEqual([
      [FRAME_SLOT, 0, CHUNK_FRAMES],
      [0, 0, CHUNK_FRAMES],
      [1, 0, CHUNK_FRAMES],
      [FRAME_SLOT, 1, 10],
      [0, 1, 10],
      [1, 1, 10],
    ]);
    const last = chunks[3]!;
    expect(last).toMatchObject({ startFrame: 500 + CHUNK_FRAMES, endFrame: 500 + frames - 1 });
    const meta = decodeFrameChunk(last.data, 10);
    expect(Array.from(meta.frames)).toEqual(Array.from(period.frames.subarray(CHUNK_FRAMES)));
    expect(meta.ballY[0]).toBeCloseTo(-1.23, 5);
    expect(Array.from(meta.possession)).toEqual(Array.from(period.possession.subarray(CHUNK_FRAMES)));
    const player = decodeSlotChunk(chunks[1]!.data, CHUNK_FRAMES);
    expect(player.x[7]).toBeCloseTo(10.07, 5);
    expect(player.y[7]).toBeCloseTo(-34, 5);
    expect(Array.from(player.detected.subarray(0, 4))).toEqual([0, 1, 0, 1]);
    const absent = decodeSlotChunk(chunks[2]!.data, CHUNK_FRAMES);
    expect(absent.x.every(Number.isNaN)).toBe(true);
    // 4 bytes a position plus one bit: half of float32 x,y.
    expect(chunks[1]!.data.byteLength).toBe(CHUNK_FRAMES * 4 + CHUNK_FRAMES / 8);
  });
});

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
