/**
 * Live latency: the matches subgraph replays its demo match at 10 Hz and `SUBSCRIBERS` graphql-ws clients
 * subscribe to its frames; each frame's `publishedAt` against its arrival gives publish → receive latency.
 * Server and clients share this process (and the machine's two cores), so the figures include the clients'
 * own work: an upper bound for the service.
 */
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, startMatches } from '@meridian/matches';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const MEASURE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchLive(line: (label: string, value: string, goal?: string) => void): Promise<void> {
  // As the service's main does: every subscriber is a listener on the in-process pub/sub.
  setMaxListeners(SUBSCRIBERS * 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matches-live-'));
  const service = await startMatches(
    loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dir, MATCHES_REPLAY_SPEED: '1' }),
  );
  const clients: Client[] = [];
  const latencies: number[] = [];
  const outOfOrder = { count: 0 };
  let measuring = false;
  try {
    const url = `${service.url.replace('http', 'ws')}/graphql`;
    let subscribed = 0;
    await new Promise<void>((resolve) => {
      for (let i = 0; i < SUBSCRIBERS; i++) {
        const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
        clients.push(client);
        let last = -1;
        let first = true;
        client.subscribe<{ matchFrames: { frame: number; publishedAt: string } }>(
          { query: 'subscription { matchFrames(matchId: "match_0001") { frame publishedAt } }' },
          {
            next: ({ data }) => {
              const frame = data!.matchFrames;
              if (first) {
                first = false;
                if (++subscribed === SUBSCRIBERS) resolve();
              }
              if (frame.frame <= last) outOfOrder.count++;
              last = frame.frame;
              if (measuring) latencies.push(Date.now() - Date.parse(frame.publishedAt));
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
      }
    });
    measuring = true;
    await new Promise((resolve) => setTimeout(resolve, MEASURE_SECONDS * 1000));
    measuring = false;
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  latencies.sort((a, b) => a - b);
  line(
    `live frames delivered to ${SUBSCRIBERS} subscribers`,
    `${latencies.length}`,
    `in ${MEASURE_SECONDS} s at 10 Hz`,
  );
  line('publish -> receive latency p50', `${percentile(latencies, 50)} ms`);
  line('publish -> receive latency p99', `${percentile(latencies, 99)} ms`);
  line('frames out of order', `${outOfOrder.count}`);
}
