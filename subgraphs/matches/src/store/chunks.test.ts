import { allocatePeriod } from '../tracking/model';
import { CHUNK_FRAMES, decodeFrameChunk, decodeSlotChunk, encodePeriod, FRAME_SLOT } from './chunks';

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
