/**
 * The subscribers of the subscription benchmark, in a process of their own so that they do not share the
 * gateway's CPU accounting: opens N graphql-ws connections to the gateway, each subscribed to the live frames
 * of one match, and reports publish→receive latency and lost or reordered frames to the parent.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

interface Job {
  readonly url: string;
  readonly clients: number;
  readonly seconds: number;
}

const FRAMES = 'subscription { matchFrames(matchId: "match_0001") { frame period publishedAt } }';

async function run(job: Job): Promise<void> {
  const latencies: number[] = [];
  let lost = 0;
  let reordered = 0;
  let received = 0;
  let measuring = false;
  const heard = new Array<boolean>(job.clients).fill(false);
  const measuredBy = new Array<number>(job.clients).fill(0);
  const stops: (() => void)[] = [];
  const sockets = Array.from({ length: job.clients }, () =>
    createClient({
      url: job.url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    }),
  );
  sockets.forEach((client, index) => {
    let last: { period: number; frame: number } | undefined;
    stops.push(
      client.subscribe<{ matchFrames: { frame: number; period: number; publishedAt: string } }>(
        { query: FRAMES },
        {
          next: ({ data }) => {
            const frame = data!.matchFrames;
            const now = Date.now();
            heard[index] = true;
            if (measuring) {
              received += 1;
              measuredBy[index]! += 1;
              latencies.push(now - Date.parse(frame.publishedAt));
              if (last && frame.period === last.period) {
                if (frame.frame < last.frame) reordered += 1;
                else if (frame.frame > last.frame + 1) lost += frame.frame - last.frame - 1;
              }
            }
            last = frame;
          },
          error: () => undefined,
          complete: () => undefined,
        },
      ),
    );
  });
  // Measure once every connection has its first frame (or after a minute: the silent ones count against).
  const warmUp = Date.now();
  while (heard.some((h) => !h) && Date.now() - warmUp < 60_000) await new Promise((r) => setTimeout(r, 100));
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, job.seconds * 1000));
  measuring = false;
  for (const stop of stops) stop();
  await Promise.all(sockets.map((client) => client.dispose()));
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const silent = measuredBy.filter((count) => count === 0).length;
  process.send?.({
    received,
    lost,
    reordered,
    silent,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
  });
}

process.once('message', (job: Job) => {
  run(job).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
