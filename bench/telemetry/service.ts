/**
 * The telemetry service as the benchmarks run it: its built `dist/main.js` in its own process, in production
 * mode (so calls carry a principal signed as the gateway signs it), demo stream off, on a free port, ready
 * when it says so over IPC; and the binary ingest request every part sends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { demoCustomerIds, PRINCIPAL_HEADER, signPrincipal, type ReadyMessage } from '@meridian/kit';
import { CMAPSS_SENSORS, auxiliaryName } from '@meridian/telemetry/simulation';
import { encodeBinaryFrame, BINARY_TYPE } from '@meridian/telemetry/wire';

/** The demo catalog's size, and the most sensors a request names. */
export const SENSORS = 5_000;
/** The service runs in production mode: every call carries a principal signed with this secret. */
const SECRET = randomBytes(32).toString('hex');
const AIRCRAFT_PER_OPERATOR = 3;
const ENGINES_PER_AIRCRAFT = 2;

export const sensorNames = Array.from(
  { length: SENSORS },
  (_, i) => CMAPSS_SENSORS[i]?.name ?? auxiliaryName(i - CMAPSS_SENSORS.length),
);

/** The i-th demo engine (from 0): `eng_0001_1`, `eng_0001_2`, `eng_0002_1`, … */
export function demoEngine(index: number): { id: string; operator: string } {
  const aircraft = Math.floor(index / ENGINES_PER_AIRCRAFT);
  const operator = demoCustomerIds('AVIATION')[Math.floor(aircraft / AIRCRAFT_PER_OPERATOR)];
  if (operator === undefined) throw new Error(`the demo fleet has no engine ${index}`);
  return {
    id: `eng_${String(aircraft + 1).padStart(4, '0')}_${(index % ENGINES_PER_AIRCRAFT) + 1}`,
    operator,
  };
}

/** A partner of the operator, which may write and read its engines. */
export const principalOf = (operator: string) =>
  signPrincipal({ customerId: operator, scopes: ['telemetry:read', 'telemetry:write'] }, SECRET);

export interface TelemetryProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

export async function startTelemetry(env: Readonly<Record<string, string>>): Promise<TelemetryProcess> {
  const child = fork(require.resolve('@meridian/telemetry/main'), [], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PRINCIPAL_SECRET: SECRET,
      INTERNAL_TOKEN: randomBytes(32).toString('hex'),
      PORT: '0',
      LOG_LEVEL: 'warn',
      TELEMETRY_STREAM_RATE_HZ: '0',
      TELEMETRY_DEMO_FLIGHTS: '1',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`telemetry exited with ${code}`)));
    child.on('message', (message: ReadyMessage) => {
      if (message?.type === 'ready') resolve(message.url);
    });
  });
  return {
    child,
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * POSTs `body` and resolves once it is answered 200 without errors. Through `node:http`, which sends a
 * buffer as it is: `fetch` copies a 40 MB body first and holds the sender's event loop for a third of a
 * second doing it.
 */
export function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string>,
  operator = demoEngine(0).operator,
): Promise<void> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          ...headers,
          'content-length': Buffer.byteLength(body),
          [PRINCIPAL_HEADER]: principalOf(operator),
        },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          if (response.statusCode !== 200 || text.includes('"errors"')) {
            reject(new Error(`${response.statusCode}: ${text.slice(0, 300)}`));
          } else resolve();
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One engine's sensors sampled together, as `POST /ingest` takes them (`MRB1`). */
export interface BinaryShape {
  readonly sensors: number;
  readonly samples: number;
  readonly periodMs: number;
}

/** Where a frame's time of first sample sits (see binary.ts). */
export const FRAME_START_OFFSET = 8;

/**
 * Sends one engine's binary batches of auxiliary channels to `ingestUrl`, each after the last in time,
 * starting at `start`; `values` holds one array per sensor of the shape. The frame is encoded once and each
 * batch gets its own start time written into it, so the client does not spend a core encoding 40 MB a second.
 */
export function binarySender(options: {
  ingestUrl: string;
  engine: { id: string; operator: string };
  shape: BinaryShape;
  values: readonly Float64Array[];
  start: number;
  keyPrefix: string;
}): () => Promise<number> {
  const { shape, engine } = options;
  // Auxiliary channels only: the seeded flights wrote the C-MAPSS channels up to the service's start, so
  // batches may start before it.
  const sensors = sensorNames.slice(CMAPSS_SENSORS.length, CMAPSS_SENSORS.length + shape.sensors);
  let time = options.start;
  let batch = 0;
  const body = encodeBinaryFrame({
    engineId: engine.id,
    start: time,
    period: shape.periodMs,
    sensors,
    values: options.values.slice(0, shape.sensors),
  });
  return async () => {
    body.writeDoubleLE(time, FRAME_START_OFFSET);
    batch += 1;
    await post(
      options.ingestUrl,
      body,
      { 'content-type': BINARY_TYPE, 'idempotency-key': `${options.keyPrefix}-${batch}` },
      engine.operator,
    );
    time += shape.samples * shape.periodMs;
    return body.length;
  };
}
