/**
 * The compact storage form of tracking: one BLOB per object per time window instead of a row per point.
 *
 * A window holds up to `CHUNK_FRAMES` frames of one period. For each window there is one "frame" chunk (slot
 * `FRAME_SLOT`: frame numbers, times, ball x/y/z, possession, ball detected bits) and one chunk per player slot
 * (x, y and detected bits), so a player's trajectory reads only that player's bytes.
 *
 * Coordinates are stored as little-endian int16 centimetres (±327 m, 1 cm resolution: finer than any
 * provider's precision) with `MISSING` for unknown positions: 4 bytes per position instead of float32's 8.
 */
import type { TrackingPeriod } from '../tracking/model';

/** Frames in one window: five minutes at 10 Hz, two at 25 Hz. */
export const CHUNK_FRAMES = 3000;
/** The slot number of the per-window frame chunk (frame numbers, times, ball, possession). */
export const FRAME_SLOT = -1;
/** int16 value standing for an unknown position. */
const MISSING = -32768;
const CENTIMETRES = 100;
const INT16_MAX = 32767;

export interface EncodedChunk {
  readonly period: number;
  /** Window number within the period, from 0. */
  readonly chunk: number;
  readonly slot: number;
  readonly startFrame: number;
  readonly endFrame: number;
  readonly frameCount: number;
  readonly data: Uint8Array;
}

/** The frame chunk of one window, decoded. */
export interface FrameChunk {
  readonly frames: Int32Array;
  readonly times: Float32Array;
  readonly ballX: Float32Array;
  readonly ballY: Float32Array;
  readonly ballZ: Float32Array;
  readonly ballDetected: Uint8Array;
  readonly possession: Uint8Array;
}

/** A player chunk of one window, decoded. */
export interface SlotChunk {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly detected: Uint8Array;
}

const bitBytes = (count: number) => Math.ceil(count / 8);

function writeCentimetres(view: DataView, offset: number, values: Float32Array, from: number, count: number) {
  for (let i = 0; i < count; i++) {
    const value = values[from + i] as number;
    const stored = Number.isNaN(value)
      ? MISSING
      : Math.max(-INT16_MAX, Math.min(INT16_MAX, Math.round(value * CENTIMETRES)));
    view.setInt16(offset + i * 2, stored, true);
  }
}

/** Chunks are little-endian; on a little-endian machine an aligned Int16Array reads them without DataView. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readCentimetres(view: DataView, offset: number, count: number): Float32Array {
  const values = new Float32Array(count);
  const start = view.byteOffset + offset;
  if (LITTLE_ENDIAN && start % 2 === 0) {
    const stored = new Int16Array(view.buffer, start, count);
    for (let i = 0; i < count; i++) {
      const value = stored[i]!;
      values[i] = value === MISSING ? NaN : value / CENTIMETRES;
    }
    return values;
  }
  for (let i = 0; i < count; i++) {
    const stored = view.getInt16(offset + i * 2, true);
    values[i] = stored === MISSING ? NaN : stored / CENTIMETRES;
  }
  return values;
}

function writeBits(bytes: Uint8Array, offset: number, flags: Uint8Array, from: number, count: number) {
  for (let i = 0; i < count; i++) if (flags[from + i]) bytes[offset + (i >> 3)]! |= 1 << (i & 7);
}

function readBits(bytes: Uint8Array, offset: number, count: number): Uint8Array {
  const flags = new Uint8Array(count);
  for (let i = 0; i < count; i++) flags[i] = (bytes[offset + (i >> 3)]! >> (i & 7)) & 1;
  return flags;
}

function viewOf(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

/** Cuts one period into windows and encodes every window's frame chunk and slot chunks. */
export function encodePeriod(period: TrackingPeriod, slotCount: number): EncodedChunk[] {
  const total = period.frames.length;
  const chunks: EncodedChunk[] = [];
  for (let chunk = 0, from = 0; from < total; chunk++, from += CHUNK_FRAMES) {
    const n = Math.min(CHUNK_FRAMES, total - from);
    const base = {
      period: period.period,
      chunk,
      startFrame: period.frames[from] as number,
      endFrame: period.frames[from + n - 1] as number,
      frameCount: n,
    };
    chunks.push({ ...base, slot: FRAME_SLOT, data: encodeFrameChunk(period, from, n) });
    for (let slot = 0; slot < slotCount; slot++) {
      chunks.push({ ...base, slot, data: encodeSlotChunk(period, slot * total + from, n) });
    }
  }
  return chunks;
}

function encodeFrameChunk(period: TrackingPeriod, from: number, n: number): Uint8Array {
  const data = new Uint8Array(n * (4 + 4 + 3 * 2 + 1) + bitBytes(n));
  const view = viewOf(data);
  for (let i = 0; i < n; i++) {
    view.setInt32(i * 4, period.frames[from + i] as number, true);
    view.setFloat32(n * 4 + i * 4, period.times[from + i] as number, true);
  }
  writeCentimetres(view, n * 8, period.ballX, from, n);
  writeCentimetres(view, n * 10, period.ballY, from, n);
  writeCentimetres(view, n * 12, period.ballZ, from, n);
  data.set(period.possession.subarray(from, from + n), n * 14);
  writeBits(data, n * 15, period.ballDetected, from, n);
  return data;
}

function encodeSlotChunk(period: TrackingPeriod, from: number, n: number): Uint8Array {
  const data = new Uint8Array(n * 4 + bitBytes(n));
  const view = viewOf(data);
  writeCentimetres(view, 0, period.x, from, n);
  writeCentimetres(view, n * 2, period.y, from, n);
  writeBits(data, n * 4, period.detected, from, n);
  return data;
}

export function decodeFrameChunk(data: Uint8Array, n: number): FrameChunk {
  const view = viewOf(data);
  const frames = new Int32Array(n);
  const times = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    frames[i] = view.getInt32(i * 4, true);
    times[i] = view.getFloat32(n * 4 + i * 4, true);
  }
  return {
    frames,
    times,
    ballX: readCentimetres(view, n * 8, n),
    ballY: readCentimetres(view, n * 10, n),
    ballZ: readCentimetres(view, n * 12, n),
    possession: data.slice(n * 14, n * 15),
    ballDetected: readBits(data, n * 15, n),
  };
}

/** Frame numbers and times only, for reads that need no ball (trajectories). */
export function decodeFrameTimes(data: Uint8Array, n: number): Pick<FrameChunk, 'frames' | 'times'> {
  const view = viewOf(data);
  const frames = new Int32Array(n);
  const times = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    frames[i] = view.getInt32(i * 4, true);
    times[i] = view.getFloat32(n * 4 + i * 4, true);
  }
  return { frames, times };
}

export function decodeSlotChunk(data: Uint8Array, n: number): SlotChunk {
  const view = viewOf(data);
  return {
    x: readCentimetres(view, 0, n),
    y: readCentimetres(view, n * 2, n),
    detected: readBits(data, n * 4, n),
  };
}
