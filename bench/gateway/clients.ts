/**
 * The subscribers of the subscription benchmark, in a process of their own so that they do not share the
 * gateway's CPU accounting: opens N graphql-ws connections to the gateway, each subscribed to the same live
 * stream of one match, and reports publish→receive latency, lost and reordered messages and its own CPU to
 * the parent.
 *
 * Frames are numbered, so a frame is lost when a client's next frame skips numbers. Events are not: one is
 * lost when a client missed an event that other clients got between two events it did get.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export type Workload = 'frames' | 'events';

export interface Job {
  readonly url: string;
  readonly clients: number;
  readonly seconds: number;
  readonly workload: Workload;
}

export interface Outcome {
  received: number;
  lost: number;
  reordered: number;
  /** Clients that received nothing while measured. */
  silent: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU the client process used while measuring, in % of one core. */
  cpu: number;
}

export const QUERIES: Record<Workload, string> = {
  frames: 'subscription { matchFrames(matchId: "match_0001") { frame period publishedAt } }',
  // The broadcaster comes from billing: every event is completed by a second subgraph.
  events: `subscription {
    matchEvents(matchId: "match_0001") { id type publishedAt player { name } match { broadcaster { name } } }
  }`,
};

interface Message {
  /** Frame number, or the event's id and publication (a replay in a loop publishes an event again). */
  readonly key: number | string;
  readonly publishedAt: number;
  readonly receivedAt: number;
}

function readMessage(workload: Workload, data: Record<string, unknown>, receivedAt: number): Message {
  if (workload === 'frames') {
    const frame = data.matchFrames as { frame: number; publishedAt: string };
    return { key: frame.frame, publishedAt: Date.parse(frame.publishedAt), receivedAt };
  }
  const event = data.matchEvents as { id: string; publishedAt: string };
  return { key: `${event.id}@${event.publishedAt}`, publishedAt: Date.parse(event.publishedAt), receivedAt };
}

/** Lost and reordered messages of each client's sequence, as the module comment says. */
function judge(workload: Workload, sequences: readonly Message[][]): { lost: number; reordered: number } {
  let lost = 0;
  let reordered = 0;
  for (const sequence of sequences) {
    for (let i = 1; i < sequence.length; i++) {
      const [before, after] = [sequence[i - 1]!, sequence[i]!];
      if (after.publishedAt < before.publishedAt) reordered += 1;
      // Frame numbers start over when the replay does; that is neither a loss nor a reordering.
      else if (workload === 'frames' && (after.key as number) > (before.key as number) + 1) {
        lost += (after.key as number) - (before.key as number) - 1;
      }
    }
  }
  if (workload === 'events') {
    const published = new Map<string, number>();
    for (const sequence of sequences) for (const m of sequence) published.set(m.key as string, m.publishedAt);
    for (const sequence of sequences) {
      if (sequence.length < 2) continue;
      const got = new Set(sequence.map((m) => m.key));
      const [first, last] = [sequence[0]!.publishedAt, sequence.at(-1)!.publishedAt];
      for (const [key, at] of published) if (at > first && at < last && !got.has(key)) lost += 1;
    }
  }
  return { lost, reordered };
}

async function run(job: Job): Promise<Outcome> {
  let measuring = false;
  const heard = new Array<boolean>(job.clients).fill(false);
  const sequences = Array.from({ length: job.clients }, (): Message[] => []);
  const sockets = Array.from({ length: job.clients }, () =>
    createClient({ url: job.url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false }),
  );
  const stops = sockets.map((client, index) =>
    client.subscribe<Record<string, unknown>>(
      { query: QUERIES[job.workload] },
      {
        next: ({ data }) => {
          heard[index] = true;
          if (measuring) sequences[index]!.push(readMessage(job.workload, data!, Date.now()));
        },
        error: (error) => console.error(error),
        complete: () => undefined,
      },
    ),
  );
  // Measure once every connection has its first message (or after two minutes: the silent ones count against).
  const warmUp = Date.now();
  while (heard.some((h) => !h) && Date.now() - warmUp < 120_000) await new Promise((r) => setTimeout(r, 100));
  process.send?.('measuring');
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, job.seconds * 1000));
  measuring = false;
  const cpuUsed = process.cpuUsage(cpuBefore);
  const cpu = (100 * (cpuUsed.user + cpuUsed.system)) / 1000 / (Date.now() - started);
  process.send?.('measured');
  for (const stop of stops) stop();
  await Promise.all(sockets.map((client) => client.dispose()));
  const latencies = sequences
    .flatMap((s) => s.map((m) => m.receivedAt - m.publishedAt))
    .sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    received: latencies.length,
    ...judge(job.workload, sequences),
    silent: sequences.filter((s) => s.length === 0).length,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
    cpu,
  };
}

process.once('message', (job: Job) => {
  run(job).then(
    (outcome) => process.send?.(outcome, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
