/**
 * Live telemetry over real websockets (graphql-ws) on the telemetry subgraph: the demo stream's readings
 * arrive downsampled to the subscriber's interval, and an alert raised by an ingested batch reaches the
 * subscribers of its fleet and no others.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ReadyMessage } from '@meridian/kit';
import { freshDataDir, post } from '../support/platform';

const ENTRY = require.resolve('@meridian/telemetry/main');

interface Frame {
  from: string;
  to: string;
  sensors: { sensor: string; count: number; min: number; max: number; mean: number }[];
}

/** Collects the events of one subscription until `count` of them pass `wanted`, or its error. */
function collect<T>(
  client: Client,
  query: string,
  count: number,
  wanted: (event: T) => boolean = () => true,
): { done: Promise<T[]>; stop: () => void } {
  const events: T[] = [];
  let stop = () => undefined as void;
  const done = new Promise<T[]>((resolve, reject) => {
    stop = client.subscribe<T>(
      { query },
      {
        next: (event) => {
          if (event.errors) return reject(event.errors);
          if (!wanted(event.data as T)) return;
          events.push(event.data as T);
          if (events.length === count) resolve(events);
        },
        error: reject,
        complete: () => resolve(events),
      },
    );
  });
  return { done, stop: () => stop() };
}

describe('live telemetry over graphql-ws', () => {
  let child: ChildProcess;
  let url: string;
  let client: Client;

  beforeAll(async () => {
    child = fork(ENTRY, [], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        DATA_DIR: freshDataDir(),
        PORT: '0',
        TELEMETRY_STREAM_RATE_HZ: '50',
        TELEMETRY_STREAM_SENSORS: '30',
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`telemetry exited with ${code}`)));
      child.on('message', (message: ReadyMessage) => {
        if (message?.type === 'ready') resolve(message.url);
      });
    });
    client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
  });

  afterAll(async () => {
    await client?.dispose();
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
  });

  it('sends the readings of the chosen sensors, one frame per interval', async () => {
    const { done } = collect<{ sensorReadings: Frame }>(
      client,
      'subscription { sensorReadings(engine: "eng_0001_1", sensors: ["T30", "AUX0001"], every: 500) { from to sensors { sensor count min max mean } } }',
      3,
    );
    const frames = (await done).map((e) => e.sensorReadings);
    for (const frame of frames) {
      const span = Date.parse(frame.to) - Date.parse(frame.from);
      expect(span).toBeGreaterThanOrEqual(400);
      expect(span).toBeLessThan(1500);
      expect(frame.sensors.map((s) => s.sensor).sort()).toEqual(['AUX0001', 'T30']);
      for (const s of frame.sensors) {
        // 50 Hz for about half a second, folded into one summary.
        expect(s.count).toBeGreaterThan(5);
        expect(s.min).toBeLessThanOrEqual(s.mean);
        expect(s.max).toBeGreaterThanOrEqual(s.mean);
      }
    }
  });

  it('sends a new alert to the subscribers of its fleet only', async () => {
    const mine = collect<{
      engineAlerts: { kind: string; severity: string; engine: { id: string }; sensor: { name: string } };
    }>(
      client,
      'subscription { engineAlerts(fleet: "flt_0002") { kind severity engine { id } sensor { name } } }',
      1,
    );
    const others: unknown[] = [];
    const other = client.subscribe(
      { query: 'subscription { engineAlerts(fleet: "flt_0001") { id engine { id } } }' },
      { next: (event) => others.push(event.data), error: () => undefined, complete: () => undefined },
    );
    // Give both subscriptions time to be registered before the alert is raised.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ack = await post(`${url}/graphql`, {
      query: `mutation { ingestReadings(batch: { idempotencyKey: "hot", engine: "eng_0004_1", readings: [{ sensor: "T50", time: "${new Date(Date.now() + 2000).toISOString()}", value: 1600 }] }) { readings } }`,
    });
    expect(ack.body.errors).toBeUndefined();
    const [alert] = await mine.done;
    expect(alert!.engineAlerts).toEqual({
      kind: 'THRESHOLD',
      severity: 'CRITICAL',
      engine: { id: 'eng_0004_1' },
      sensor: { name: 'T50' },
    });
    expect(others.filter((o) => JSON.stringify(o).includes('eng_0004_1'))).toEqual([]);
    other();
  });

  it('refuses a bad subscription with BAD_USER_INPUT naming the argument', async () => {
    const { done } = collect(
      client,
      'subscription { sensorReadings(engine: "eng_0001_1", sensors: ["T30"], every: 10) { from } }',
      1,
    );
    const errors = (await done.catch((e: unknown) => e)) as { extensions: Record<string, unknown> }[];
    expect(errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'every' });
  });
});
