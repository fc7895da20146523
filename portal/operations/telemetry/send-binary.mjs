// Sends one second of three sensors sampled at 100 Hz, as one MRB1 frame, to POST /ingest/telemetry.
// Node.js 18 or newer, no dependencies: MERIDIAN_URL=… MERIDIAN_KEY=… node send-binary.mjs
import { randomUUID } from 'node:crypto';

/** One MRB1 frame: a header naming the engine and sensors, then each sensor's samples as float64. */
function encodeFrame({ engine, sensors, startMs, periodMs, values }) {
  const names = [engine, ...sensors].map((name) => Buffer.from(name, 'utf8'));
  const fixed = 32 + names.reduce((sum, name) => sum + 2 + name.length, 0);
  const headerLength = Math.ceil(fixed / 8) * 8; // the values start 8-byte aligned
  const samples = values[0].length;
  const frame = Buffer.alloc(headerLength + 8 * sensors.length * samples); // zero padding included
  frame.write('MRB1', 0, 'ascii');
  frame.writeUInt32LE(headerLength, 4);
  frame.writeDoubleLE(startMs, 8);
  frame.writeDoubleLE(periodMs, 16);
  frame.writeUInt32LE(samples, 24);
  frame.writeUInt32LE(sensors.length, 28);
  let offset = 32;
  for (const name of names) {
    frame.writeUInt16LE(name.length, offset);
    name.copy(frame, offset + 2);
    offset += 2 + name.length;
  }
  offset = headerLength;
  for (const series of values) {
    for (const value of series) offset = frame.writeDoubleLE(value, offset);
  }
  return frame;
}

const samples = 100;
const frame = encodeFrame({
  engine: 'eng_0001_1',
  sensors: ['AUX4970', 'AUX4971', 'AUX4972'],
  startMs: Date.now() - 1000, // readings must be newer than the sensor's last one, and not in the future
  periodMs: 10,
  values: [0, 1, 2].map((sensor) => Array.from({ length: samples }, (_, i) => sensor + Math.sin(i / 10))),
});

const response = await fetch(new URL('/ingest/telemetry', process.env.MERIDIAN_URL), {
  method: 'POST',
  headers: {
    'content-type': 'application/vnd.meridian.readings',
    'idempotency-key': randomUUID(), // send a failed batch again with the same key: it is never counted twice
    'x-api-key': process.env.MERIDIAN_KEY,
  },
  body: frame,
});
console.log(response.status, JSON.stringify(await response.json()));
