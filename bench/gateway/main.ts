/**
 * Subscription benchmark: the whole platform on this machine, one match replayed at 10 Hz, and N subscribers
 * in a separate process, for growing N. For each N it prints the publish→receive latency (p50, p99),
 * frames lost or reordered, and the gateway's CPU and memory (from its /metrics) per 1,000 subscribers.
 * `npm run bench:gateway` (BENCH_CLIENTS="100,500,1000" and BENCH_SECONDS=10 to change the steps).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '@meridian/stack';

interface Outcome {
  received: number;
  lost: number;
  reordered: number;
  /** Clients that received nothing while measured. */
  silent: number;
  p50: number;
  p99: number;
  max: number;
}

const LATENCY_GOAL_MS = 100;

async function gatewayFigures(url: string): Promise<{ cpuSeconds: number; rssBytes: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} ([\\d.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    cpuSeconds: value('meridian_gateway_process_cpu_seconds_total'),
    rssBytes: value('meridian_gateway_process_resident_memory_bytes'),
  };
}

function runClients(url: string, clients: number, seconds: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'clients.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (outcome: Outcome) => resolve(outcome));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`clients exited with ${code}`))));
    child.send({ url, clients, seconds });
  });
}

async function main(): Promise<void> {
  const steps = (process.env.BENCH_CLIENTS ?? '100,500,1000,2000,4000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const stack = await startStack({
    ports: { matches: 0, telemetry: 0, billing: 0, gateway: 0 },
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-')),
      LOG_LEVEL: 'warn',
      TELEMETRY_STREAM_RATE_HZ: '0',
      // Anonymous subscribers without a plan's cap on concurrent subscriptions: the gateway is measured, not a plan.
      ANONYMOUS_SCOPES: 'matches:read',
      ANONYMOUS_SUBSCRIPTIONS: '1000000',
    },
  });
  const wsUrl = `${stack.urls.gateway.replace('http', 'ws')}/graphql`;
  console.log(
    `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    'clients  received  silent   lost  reordered   p50 ms   p99 ms   max ms   gateway CPU %   RSS MB   per 1k: CPU %  MB',
  );
  try {
    const idle = await gatewayFigures(stack.urls.gateway);
    for (const clients of steps) {
      const before = await gatewayFigures(stack.urls.gateway);
      const started = Date.now();
      const outcome = await runClients(wsUrl, clients, seconds);
      const after = await gatewayFigures(stack.urls.gateway);
      const cpu = (100 * (after.cpuSeconds - before.cpuSeconds)) / ((Date.now() - started) / 1000);
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
          cpu.toFixed(0).padStart(15),
          rss.toFixed(0).padStart(8),
          perThousand(cpu).padStart(14),
          perThousand(rss - idle.rssBytes / 1e6).padStart(4),
        ].join(' '),
      );
      if (outcome.p99 > LATENCY_GOAL_MS || outcome.lost > 0 || outcome.reordered > 0 || outcome.silent > 0) {
        console.log(`p99 above ${LATENCY_GOAL_MS} ms or frames lost at ${clients} clients: stopping here`);
        break;
      }
    }
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
