/**
 * The compact binary ingest format ("MRB1"), for one engine's sensors sampled together at a fixed rate.
 * All numbers little-endian; a body is one or more frames back to back:
 *
 * | offset | size | field |
 * |---|---|---|
 * | 0 | 4 | magic `MRB1` (ASCII) |
 * | 4 | 4 | u32 header length H in bytes, from the magic, a multiple of 8 |
 * | 8 | 8 | f64 time of the first sample, ms since the epoch |
 * | 16 | 8 | f64 sampling period, ms (1 kHz = 1.0) |
 * | 24 | 4 | u32 samples per sensor, n |
 * | 28 | 4 | u32 sensor count, k |
 * | 32 | 2 + e | u16 byte length e, then the engine id in UTF-8 |
 * | … | 2 + s each | k times: u16 byte length s, then the sensor name in UTF-8 |
 * | … | | zero bytes up to H |
 * | H | 8·k·n | f64 values, sensor by sensor: sensor 0's n samples, then sensor 1's, … |
 *
 * The values are read in place (no copy) when the frame is 8-byte aligned in memory.
 */
import type { SensorSeries } from './batch';
import type { IngestProblem } from './validate';

const BINARY_MAGIC = 'MRB1';
const FIXED_HEADER_BYTES = 32;
const VALUE_BYTES = Float64Array.BYTES_PER_ELEMENT;

export interface BinaryFrame {
  readonly engineId: string;
  readonly start: number;
  readonly period: number;
  readonly sensors: readonly string[];
  /** One array per sensor, each of the same length. */
  readonly values: readonly Float64Array[];
}

export interface ParsedBinary {
  readonly series: SensorSeries[];
  readonly problems: IngestProblem[];
  readonly readings: number;
}

export function encodeBinaryFrame(frame: BinaryFrame): Buffer {
  const samples = frame.values[0]?.length ?? 0;
  const names = [frame.engineId, ...frame.sensors].map((name) => Buffer.from(name, 'utf8'));
  const unpadded = FIXED_HEADER_BYTES + names.reduce((sum, name) => sum + 2 + name.length, 0);
  const headerBytes = Math.ceil(unpadded / VALUE_BYTES) * VALUE_BYTES;
  const buffer = Buffer.alloc(headerBytes + frame.sensors.length * samples * VALUE_BYTES);
  buffer.write(BINARY_MAGIC, 0, 'ascii');
  buffer.writeUInt32LE(headerBytes, 4);
  buffer.writeDoubleLE(frame.start, 8);
  buffer.writeDoubleLE(frame.period, 16);
  buffer.writeUInt32LE(samples, 24);
  buffer.writeUInt32LE(frame.sensors.length, 28);
  let offset = FIXED_HEADER_BYTES;
  for (const name of names) {
    buffer.writeUInt16LE(name.length, offset);
    name.copy(buffer, offset + 2);
    offset += 2 + name.length;
  }
  frame.values.forEach((values, index) => {
    if (values.length !== samples)
      throw new Error(`sensor ${frame.sensors[index]} has ${values.length} samples, not ${samples}`);
    Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(
      buffer,
      headerBytes + index * samples * VALUE_BYTES,
    );
  });
  return buffer;
}

function float64s(body: Buffer, offset: number, length: number): Float64Array {
  const absolute = body.byteOffset + offset;
  if (absolute % VALUE_BYTES === 0) return new Float64Array(body.buffer, absolute, length);
  const copy = new Float64Array(length);
  Buffer.from(copy.buffer).set(body.subarray(offset, offset + length * VALUE_BYTES));
  return copy;
}

/** Parses a body of frames; a malformed frame stops parsing, since what follows it cannot be located. */
export function parseBinary(body: Buffer): ParsedBinary {
  const series: SensorSeries[] = [];
  let readings = 0;
  let offset = 0;
  for (let frameIndex = 0; offset < body.length; frameIndex += 1) {
    const fail = (message: string): ParsedBinary => ({
      series,
      readings,
      problems: [{ at: `frame ${frameIndex} (byte ${offset})`, message }],
    });
    if (body.length - offset < FIXED_HEADER_BYTES) return fail('truncated header');
    if (body.toString('ascii', offset, offset + 4) !== BINARY_MAGIC)
      return fail(`expected magic ${BINARY_MAGIC}`);
    const headerBytes = body.readUInt32LE(offset + 4);
    const start = body.readDoubleLE(offset + 8);
    const period = body.readDoubleLE(offset + 16);
    const samples = body.readUInt32LE(offset + 24);
    const count = body.readUInt32LE(offset + 28);
    if (headerBytes % VALUE_BYTES !== 0 || headerBytes < FIXED_HEADER_BYTES) {
      return fail(
        `header length ${headerBytes} is not a multiple of ${VALUE_BYTES} of at least ${FIXED_HEADER_BYTES}`,
      );
    }
    const frameBytes = headerBytes + count * samples * VALUE_BYTES;
    if (offset + frameBytes > body.length) {
      return fail(`frame needs ${frameBytes} bytes, ${body.length - offset} remain`);
    }
    let cursor = offset + FIXED_HEADER_BYTES;
    const names: string[] = [];
    for (let index = 0; index <= count; index += 1) {
      if (cursor + 2 > offset + headerBytes) return fail('names run past the header length');
      const length = body.readUInt16LE(cursor);
      if (cursor + 2 + length > offset + headerBytes) return fail('names run past the header length');
      names.push(body.toString('utf8', cursor + 2, cursor + 2 + length));
      cursor += 2 + length;
    }
    const [engineId, ...sensors] = names as [string, ...string[]];
    const valuesAt = offset + headerBytes;
    sensors.forEach((sensor, index) => {
      series.push({
        engineId,
        sensor,
        start,
        period,
        values: float64s(body, valuesAt + index * samples * VALUE_BYTES, samples),
        origin: (sample) => `frame ${frameIndex} sensor ${sensor} sample ${sample}`,
      });
    });
    readings += count * samples;
    offset += frameBytes;
  }
  return { series, problems: [], readings };
}
