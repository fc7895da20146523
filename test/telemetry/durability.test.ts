/**
 * An acknowledged batch is durable: the telemetry service is killed (SIGKILL, no chance to flush) right after
 * acknowledging, and after a restart the readings are there and the same batch is recognised as a retry;
 * through the GraphQL mutation, and through `POST /ingest`, which the ingest worker writes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ReadyMessage } from '@meridian/kit';
import { encodeBinaryFrame, BINARY_TYPE } from '@meridian/telemetry/wire';
import { freshDataDir, post } from '../support/platform';

const ENTRY = require.resolve('@meridian/telemetry/main');

function startTelemetry(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(ENTRY, [], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: '0',
      TELEMETRY_STREAM_RATE_HZ: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`telemetry exited with ${code} before it was ready`)));
    child.on('message', (message: ReadyMessage) => {
      if (message?.type === 'ready') resolve({ child, url: `${message.url}/graphql` });
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const MUTATION =
  'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings duplicate } }';

describe('telemetry ingest durability', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) await killed(child);
    }
  });

  it('keeps an acknowledged batch through a SIGKILL, and counts its retry once', async () => {
    const dataDir = freshDataDir();
    const first = await startTelemetry(dataDir);
    children.push(first.child);
    const start = Date.now() + 1000;
    const batch = {
      idempotencyKey: 'durable-1',
      engine: 'eng_0003_2',
      readings: Array.from({ length: 500 }, (_, i) => ({
        sensor: 'AUX0042',
        time: new Date(start + i * 10).toISOString(),
        value: i,
      })),
    };
    const ack = await post(first.url, { query: MUTATION, variables: { batch } });
    expect(ack.body).toEqual({ data: { ingestReadings: { readings: 500, duplicate: false } } });
    await killed(first.child);

    const second = await startTelemetry(dataDir);
    children.push(second.child);
    const { body } = await post<{ series: { buckets: { count: number; mean: number }[] } }>(second.url, {
      query: `{ series(engine: "eng_0003_2", sensor: "AUX0042", from: "${new Date(start).toISOString()}", to: "${new Date(start + 5000).toISOString()}", buckets: 1) { buckets { count mean } } }`,
    });
    expect(body.data!.series.buckets).toEqual([{ count: 500, mean: 249.5 }]);
    const retry = await post(second.url, { query: MUTATION, variables: { batch } });
    expect(retry.body).toEqual({ data: { ingestReadings: { readings: 500, duplicate: true } } });
  });

  it('keeps a binary batch acknowledged by POST /ingest through a SIGKILL', async () => {
    const dataDir = freshDataDir();
    const first = await startTelemetry(dataDir);
    children.push(first.child);
    const start = Date.now() + 1000;
    const samples = 2_000;
    const body = encodeBinaryFrame({
      engineId: 'eng_0003_2',
      start,
      period: 1,
      sensors: ['AUX0042', 'AUX0043'],
      values: [
        Float64Array.from({ length: samples }, (_, i) => i),
        Float64Array.from({ length: samples }, () => 7),
      ],
    });
    const ingest = (url: string) =>
      fetch(url.replace(/\/graphql$/, '/ingest'), {
        method: 'POST',
        headers: { 'content-type': BINARY_TYPE, 'idempotency-key': 'durable-binary-1' },
        body,
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect(await ingest(first.url)).toEqual({
      status: 200,
      body: { readings: 2 * samples, series: 2, duplicate: false },
    });
    await killed(first.child);

    const second = await startTelemetry(dataDir);
    children.push(second.child);
    const { body: series } = await post<{ series: { buckets: { count: number; mean: number }[] } }>(
      second.url,
      {
        query: `{ series(engine: "eng_0003_2", sensor: "AUX0042", from: "${new Date(start).toISOString()}", to: "${new Date(start + samples).toISOString()}", buckets: 1) { buckets { count mean } } }`,
      },
    );
    expect(series.data!.series.buckets).toEqual([{ count: samples, mean: (samples - 1) / 2 }]);
    expect(await ingest(second.url)).toEqual({
      status: 200,
      body: { readings: 2 * samples, series: 2, duplicate: true },
    });
  });
});
