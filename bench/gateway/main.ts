/**
 * Subscription benchmark: the whole platform on this machine, one match replayed live, and N subscribers in a
 * separate process, for growing N. Two workloads, each on a stack of its own:
 * - `frames`: `matchFrames` at 10 Hz, answered by the matches subgraph alone;
 * - `events`: `matchEvents` with each event's broadcaster, which billing completes (one fetch per event,
 *   shared by every client); the replay runs at EVENTS_REPLAY_SPEED so that events come about 10 a second.
 * For each N it prints the publish→receive latency (p50, p99, max), messages lost or reordered, the CPU of
 * the client process and of the gateway, and the gateway's memory, also per 1,000 subscribers. It stops at
 * the first N over LATENCY_GOAL_MS at p99 or with messages lost (unless BENCH_KEEP_GOING=1).
 *
 * `npm run bench:gateway`; BENCH_CLIENTS="100,500,1000", BENCH_SECONDS=10, BENCH_WORKLOADS=frames,events
 * change the steps; BENCH_PROFILE_DIR=<folder> runs the gateway under `node --cpu-prof`, writing its profile
 * there when the workload is done.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceEntries, startStack, subgraphNames, type Stack } from '@meridian/stack';
import type { Job, Outcome, Workload } from './clients';

const LATENCY_GOAL_MS = 100;
/** The demo match has about 0.27 events a second of play; 40 times as fast gives about 10 a second. */
const EVENTS_REPLAY_SPEED = 40;

async function gatewayFigures(url: string): Promise<{ cpuSeconds: number; rssBytes: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} ([\\d.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    cpuSeconds: value('meridian_gateway_process_cpu_seconds_total'),
    rssBytes: value('meridian_gateway_process_resident_memory_bytes'),
  };
}

type GatewayFigures = Awaited<ReturnType<typeof gatewayFigures>> & { readonly at: number };

/**
 * Runs the clients of one step; the gateway's figures are read when the clients start and stop measuring,
 * so connecting and subscribing are left out.
 */
function runClients(
  job: Job,
  gatewayUrl: string,
): Promise<{ outcome: Outcome; before: GatewayFigures; after: GatewayFigures }> {
  const sample = async (): Promise<GatewayFigures> => ({
    ...(await gatewayFigures(gatewayUrl)),
    at: Date.now(),
  });
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'clients.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
    });
    let before: Promise<GatewayFigures> | undefined;
    let after: Promise<GatewayFigures> | undefined;
    child.on('message', (message: 'measuring' | 'measured' | Outcome) => {
      if (message === 'measuring') before = sample();
      else if (message === 'measured') after = sample();
      else
        void Promise.all([before!, after!]).then(
          ([b, a]) => resolve({ outcome: message, before: b, after: a }),
          reject,
        );
    });
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`clients exited with ${code}`))));
    child.send(job);
  });
}

async function measure(
  workload: Workload,
  steps: readonly number[],
  seconds: number,
  keepGoing: boolean,
): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-'));
  const stack = await startStack({
    ports: { matches: 0, telemetry: 0, billing: 0, gateway: 0 },
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TELEMETRY_STREAM_RATE_HZ: '0',
      // Anonymous subscribers without a plan's cap on concurrent subscriptions: the gateway is measured, not a plan.
      ANONYMOUS_SCOPES: 'matches:read,billing:read',
      ANONYMOUS_SUBSCRIPTIONS: '1000000',
      ...(workload === 'events' ? { MATCHES_REPLAY_SPEED: String(EVENTS_REPLAY_SPEED) } : {}),
    },
  });
  const profiled = process.env.BENCH_PROFILE_DIR
    ? await startProfiledGateway(stack, dataDir, process.env.BENCH_PROFILE_DIR)
    : undefined;
  const gatewayUrl = profiled?.url ?? stack.urls.gateway;
  const url = `${gatewayUrl.replace('http', 'ws')}/graphql`;
  console.log(
    `\n${workload}; machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    'clients  received  silent   lost  reordered   p50 ms   p99 ms   max ms   clients CPU %   gateway CPU %   RSS MB   per 1k: CPU %    MB',
  );
  try {
    const idle = await gatewayFigures(gatewayUrl);
    for (const clients of steps) {
      const { outcome, before, after } = await runClients({ url, clients, seconds, workload }, gatewayUrl);
      const cpu = (100 * (after.cpuSeconds - before.cpuSeconds)) / ((after.at - before.at) / 1000);
      const rss = after.rssBytes / 1e6;
      const perThousand = (x: number) => ((x * 1000) / clients).toFixed(1);
      console.log(
        [
          String(clients).padStart(7),
          String(outcome.received).padStart(9),
          String(outcome.silent).padStart(7),
          String(outcome.lost).padStart(6),
          String(outcome.reordered).padStart(10),
          outcome.p50.toFixed(0).padStart(8),
          outcome.p99.toFixed(0).padStart(8),
          outcome.max.toFixed(0).padStart(8),
          outcome.cpu.toFixed(0).padStart(15),
          cpu.toFixed(0).padStart(15),
          rss.toFixed(0).padStart(8),
          perThousand(cpu).padStart(14),
          perThousand(rss - idle.rssBytes / 1e6).padStart(5),
        ].join(' '),
      );
      const missed =
        outcome.p99 > LATENCY_GOAL_MS || outcome.lost > 0 || outcome.reordered > 0 || outcome.silent > 0;
      if (missed && !keepGoing) {
        console.log(`p99 above ${LATENCY_GOAL_MS} ms or messages lost at ${clients} clients: stopping here`);
        break;
      }
    }
  } finally {
    await profiled?.close();
    await stack.close();
  }
}

/** Replaces the stack's gateway with one under `--cpu-prof`, which writes its profile when it stops. */
async function startProfiledGateway(
  stack: Stack,
  dataDir: string,
  profileDir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  await stack.stopService('gateway');
  const child = fork(serviceEntries.gateway, [], {
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      ANONYMOUS_SCOPES: 'matches:read,billing:read',
      ANONYMOUS_SUBSCRIPTIONS: '1000000',
      SUBGRAPH_URLS: subgraphNames.map((name) => `${name}=${stack.urls[name]}/graphql`).join(','),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`the profiled gateway exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const steps = (process.env.BENCH_CLIENTS ?? '1000,2000,3000,4000,6000,8000,10000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const workloads = (process.env.BENCH_WORKLOADS ?? 'frames,events').split(',') as Workload[];
  const keepGoing = process.env.BENCH_KEEP_GOING === '1';
  for (const workload of workloads) await measure(workload, steps, seconds, keepGoing);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
