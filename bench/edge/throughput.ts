/**
 * Part 1: the same load against bare Apollo (with its own fetcher and with Meridian's), Meridian with its
 * whole edge (with and without deduplication) and Hive Gateway (with and without its deduplication). Two
 * loads: the realistic mix, and many clients polling the same few queries at once. First every operation is
 * sent once to each gateway and the answers compared whole; then each gateway is warmed up and measured in
 * turns (a b c, b c a, ...), so noise from the shared machine falls on all alike. Ratios are computed from
 * figures of the same run. For Meridian, its own metrics tell how many subgraph calls each request cost and
 * how many requests shared an execution.
 */
import type { BenchConfig, Load } from './config';
import type { Gateway } from './gateways';
import { runLoad, type LoadOutcome, type LoadRequest } from './load';
import { DEEP, IDENTICAL, MIX, requestBody, type Operation } from './operations';

interface Measured {
  readonly outcome: LoadOutcome;
  /** Gateway CPU time per request, microseconds. */
  readonly cpuUsPerRequest: number;
  /** Resident memory at the end of the run, MB. */
  readonly rssMb: number;
  /** Subgraph calls the gateway made and requests that shared an execution, where it says (Meridian). */
  readonly subgraphCalls?: number;
  readonly sharedExecutions?: number;
  /** Whole responses looked for in the answer cache, and found. */
  readonly cacheLookups?: number;
  readonly cacheHits?: number;
}

export interface ThroughputResult {
  readonly load: Load;
  readonly connections: number;
  readonly rows: ReadonlyMap<string, readonly Measured[]>;
}

const LOAD_OPERATIONS: Record<Load, readonly Operation[]> = { mix: MIX, identical: IDENTICAL, deep: DEEP };

/** Subgraph calls made and executions shared, from a Meridian gateway's `/metrics`; undefined elsewhere. */
async function sharingOf(
  gateway: Gateway,
): Promise<{ calls: number; shared: number; hits: number; lookups: number } | undefined> {
  if (!gateway.label.startsWith('meridian')) return undefined;
  const text = await (await fetch(gateway.graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const total = (pattern: RegExp) =>
    [...text.matchAll(new RegExp(pattern.source, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
  return {
    calls: total(/^meridian_gateway_subgraph_fetch_duration_seconds_count\{[^}]*\} (\d+)$/),
    shared: total(/^meridian_gateway_executions_total\{kind="shared"\} (\d+)$/),
    hits: total(/^meridian_gateway_cache_responses_total\{result="hit"\} (\d+)$/),
    lookups: total(/^meridian_gateway_cache_responses_total\{[^}]*\} (\d+)$/),
  };
}

/** Each gateway answers every operation of the mix with data, no errors, and the same data as the others. */
async function verifyAnswers(
  gateways: readonly Gateway[],
  headersFor: (g: Gateway) => Record<string, string>,
  operations: readonly Operation[],
) {
  for (const operation of operations) {
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
  connections: number,
  seconds: number,
): Promise<Measured> {
  const sharingBefore = await sharingOf(gateway);
  const cpuBefore = gateway.process.cpuSeconds();
  const outcome = await runLoad({ url: gateway.graphqlUrl, connections, seconds, requests });
  const cpu = gateway.process.cpuSeconds() - cpuBefore;
  const sharingAfter = await sharingOf(gateway);
  return {
    outcome,
    cpuUsPerRequest: outcome.requests > 0 ? (cpu * 1e6) / outcome.requests : NaN,
    rssMb: gateway.process.rssBytes() / 1e6,
    ...(sharingBefore && sharingAfter
      ? {
          subgraphCalls: sharingAfter.calls - sharingBefore.calls,
          sharedExecutions: sharingAfter.shared - sharingBefore.shared,
          cacheLookups: sharingAfter.lookups - sharingBefore.lookups,
          cacheHits: sharingAfter.hits - sharingBefore.hits,
        }
      : {}),
  };
}

export async function runThroughput(
  gateways: readonly Gateway[],
  headersFor: (gateway: Gateway) => Record<string, string>,
  config: BenchConfig,
  load: Load,
): Promise<ThroughputResult> {
  const operations = LOAD_OPERATIONS[load];
  const connections = load === 'identical' ? config.identicalConnections : config.connections;
  await verifyAnswers(gateways, headersFor, operations);
  console.log(
    `\nload ${load}: every gateway answered its ${operations.length} operations with the same data (${operations.map((o) => o.name).join(', ')})`,
  );
  const requestsFor = (gateway: Gateway) =>
    operations.map((operation) => ({ body: requestBody(operation), headers: headersFor(gateway) }));
  if (config.warmupSeconds > 0) {
    for (const gateway of gateways) {
      const warm = await measure(gateway, requestsFor(gateway), connections, config.warmupSeconds);
      console.log(
        `warm-up ${gateway.label}: ${warm.outcome.perSecond.toFixed(0)} requests/s, ${warm.outcome.httpErrors + warm.outcome.graphqlErrors} errors`,
      );
    }
  }
  const rows = new Map<string, Measured[]>(gateways.map((gateway) => [gateway.label, []]));
  for (let round = 0; round < config.rounds; round += 1) {
    const order = gateways.map((_, i) => gateways[(i + round) % gateways.length]!);
    for (const gateway of order) {
      const measured = await measure(gateway, requestsFor(gateway), connections, config.seconds);
      rows.get(gateway.label)!.push(measured);
      const { outcome } = measured;
      console.log(
        `round ${round + 1} ${gateway.label.padEnd(16)} ${outcome.perSecond.toFixed(0).padStart(6)} requests/s  p50 ${outcome.p50Ms} ms  p99 ${outcome.p99Ms} ms  errors ${outcome.httpErrors}+${outcome.graphqlErrors}`,
      );
      if (outcome.firstError) console.log(`  first bad answer: ${outcome.firstError}`);
    }
  }
  return { load, connections, rows };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The table of part 1, with the ratios against the bare gateway, round by round and overall. */
export function printThroughput(result: ThroughputResult, baseline: string, config: BenchConfig): void {
  const base = result.rows.get(baseline)!;
  console.log(
    `\n1. Throughput, load ${result.load}, ${result.connections} connections, ${config.rounds} × ${config.seconds} s per gateway (after ${config.warmupSeconds} s warm-up)`,
  );
  console.log(
    'gateway            requests/s   p50 ms   p99 ms   requests   non-2xx  GraphQL errors  checked   CPU µs/req   RSS MB  calls/req  shared %  cache hit %   ratio to apollo (per round)',
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
    const calls = sum(measured.map((m) => m.subgraphCalls ?? NaN));
    const shared = sum(measured.map((m) => m.sharedExecutions ?? NaN));
    const lookups = sum(measured.map((m) => m.cacheLookups ?? NaN));
    const hits = sum(measured.map((m) => m.cacheHits ?? NaN));
    console.log(
      [
        label.padEnd(18),
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
        (Number.isNaN(calls) ? '-' : (calls / requests).toFixed(2)).padStart(10),
        (Number.isNaN(shared) ? '-' : ((100 * shared) / requests).toFixed(0)).padStart(9),
        (Number.isNaN(lookups) || lookups === 0 ? '-' : ((100 * hits) / lookups).toFixed(0)).padStart(12),
        `   ${(perSecond / basePerSecond).toFixed(2)} (${perRound.join(', ')})`,
      ].join(' '),
    );
  }
  console.log(
    'p50/p99: the worst round; CPU µs/req: gateway process CPU time over requests answered (excludes subgraphs);',
  );
  console.log(
    'checked: responses parsed whole and found to carry data (every response is scanned for errors);',
  );
  console.log(
    'calls/req: subgraph calls per request and shared %: requests answered by an execution in flight (Meridian reports them);',
  );
  console.log(
    'cache hit %: requests answered whole from the answer cache, of the requests that looked (the rest executed or shared an execution)',
  );
}
