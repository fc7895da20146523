/**
 * Part 1: the same mix of operations against (a) bare Apollo, (b) Meridian with its whole edge and (c) Hive
 * Gateway. First every operation is sent once to each and the three answers compared whole; then each
 * gateway is warmed up and measured in turns (a b c, b c a, ...), so noise from the shared machine falls on
 * all three alike. Ratios are computed from figures of the same run.
 */
import type { BenchConfig } from './config';
import type { Gateway } from './gateways';
import { runLoad, type LoadOutcome, type LoadRequest } from './load';
import { MIX, requestBody } from './operations';

interface Measured {
  readonly outcome: LoadOutcome;
  /** Gateway CPU time per request, microseconds. */
  readonly cpuUsPerRequest: number;
  /** Resident memory at the end of the run, MB. */
  readonly rssMb: number;
}

export interface ThroughputResult {
  readonly rows: ReadonlyMap<string, readonly Measured[]>;
}

/** Each gateway answers every operation of the mix with data, no errors, and the same data as the others. */
async function verifyAnswers(
  gateways: readonly Gateway[],
  headersFor: (g: Gateway) => Record<string, string>,
) {
  for (const operation of MIX) {
    const answers = new Map<string, string>();
    for (const gateway of gateways) {
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headersFor(gateway) },
        body: requestBody(operation),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (response.status !== 200 || body.errors || !body.data) {
        throw new Error(
          `${gateway.label} answered ${operation.name} with ${response.status}: ${JSON.stringify(body).slice(0, 400)}`,
        );
      }
      answers.set(gateway.label, JSON.stringify(body.data));
    }
    const distinct = new Set(answers.values());
    if (distinct.size !== 1) {
      throw new Error(
        `the gateways answered ${operation.name} differently: ${[...answers.keys()].join(', ')}`,
      );
    }
  }
}

async function measure(
  gateway: Gateway,
  requests: readonly LoadRequest[],
  config: BenchConfig,
  seconds: number,
): Promise<Measured> {
  const cpuBefore = gateway.process.cpuSeconds();
  const outcome = await runLoad({
    url: gateway.graphqlUrl,
    connections: config.connections,
    seconds,
    requests,
  });
  const cpu = gateway.process.cpuSeconds() - cpuBefore;
  return {
    outcome,
    cpuUsPerRequest: outcome.requests > 0 ? (cpu * 1e6) / outcome.requests : NaN,
    rssMb: gateway.process.rssBytes() / 1e6,
  };
}

export async function runThroughput(
  gateways: readonly Gateway[],
  headersFor: (gateway: Gateway) => Record<string, string>,
  config: BenchConfig,
): Promise<ThroughputResult> {
  await verifyAnswers(gateways, headersFor);
  console.log(
    `every gateway answered the ${MIX.length} operations of the mix with the same data (${MIX.map((o) => o.name).join(', ')})`,
  );
  const requestsFor = (gateway: Gateway) =>
    MIX.map((operation) => ({ body: requestBody(operation), headers: headersFor(gateway) }));
  if (config.warmupSeconds > 0) {
    for (const gateway of gateways) {
      const warm = await measure(gateway, requestsFor(gateway), config, config.warmupSeconds);
      console.log(
        `warm-up ${gateway.label}: ${warm.outcome.perSecond.toFixed(0)} requests/s, ${warm.outcome.httpErrors + warm.outcome.graphqlErrors} errors`,
      );
    }
  }
  const rows = new Map<string, Measured[]>(gateways.map((gateway) => [gateway.label, []]));
  for (let round = 0; round < config.rounds; round += 1) {
    const order = gateways.map((_, i) => gateways[(i + round) % gateways.length]!);
    for (const gateway of order) {
      const measured = await measure(gateway, requestsFor(gateway), config, config.seconds);
      rows.get(gateway.label)!.push(measured);
      const { outcome } = measured;
      console.log(
        `round ${round + 1} ${gateway.label.padEnd(8)} ${outcome.perSecond.toFixed(0).padStart(6)} requests/s  p50 ${outcome.p50Ms} ms  p99 ${outcome.p99Ms} ms  errors ${outcome.httpErrors}+${outcome.graphqlErrors}`,
      );
      if (outcome.firstError) console.log(`  first bad answer: ${outcome.firstError}`);
    }
  }
  return { rows };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The table of part 1, with the ratios against the bare gateway, round by round and overall. */
export function printThroughput(result: ThroughputResult, baseline: string, config: BenchConfig): void {
  const base = result.rows.get(baseline)!;
  console.log(
    `\n1. Throughput, same mix, ${config.connections} connections, ${config.rounds} × ${config.seconds} s per gateway (after ${config.warmupSeconds} s warm-up)`,
  );
  console.log(
    'gateway      requests/s   p50 ms   p99 ms   requests   non-2xx  GraphQL errors  checked   CPU µs/req   RSS MB   ratio to apollo (per round)',
  );
  for (const [label, measured] of result.rows) {
    const requests = sum(measured.map((m) => m.outcome.requests));
    const seconds = sum(measured.map((m) => m.outcome.seconds));
    const perSecond = requests / seconds;
    const basePerSecond = sum(base.map((m) => m.outcome.requests)) / sum(base.map((m) => m.outcome.seconds));
    const perRound = measured.map((m, i) => (m.outcome.perSecond / base[i]!.outcome.perSecond).toFixed(2));
    const p50 = Math.max(...measured.map((m) => m.outcome.p50Ms));
    const p99 = Math.max(...measured.map((m) => m.outcome.p99Ms));
    const cpu = sum(measured.map((m) => m.cpuUsPerRequest * m.outcome.requests)) / requests;
    console.log(
      [
        label.padEnd(10),
        perSecond.toFixed(0).padStart(12),
        String(p50).padStart(8),
        String(p99).padStart(8),
        String(requests).padStart(10),
        String(sum(measured.map((m) => m.outcome.httpErrors))).padStart(9),
        String(sum(measured.map((m) => m.outcome.graphqlErrors))).padStart(15),
        String(sum(measured.map((m) => m.outcome.sampled))).padStart(8),
        cpu.toFixed(0).padStart(12),
        Math.max(...measured.map((m) => m.rssMb))
          .toFixed(0)
          .padStart(8),
        `   ${(perSecond / basePerSecond).toFixed(2)} (${perRound.join(', ')})`,
      ].join(' '),
    );
  }
  console.log(
    'p50/p99: the worst round; CPU µs/req: gateway process CPU time over requests answered (excludes subgraphs);',
  );
  console.log(
    'checked: responses parsed whole and found to carry data (every response is scanned for errors)',
  );
}
