/**
 * Part 3: the gateway's memory under many keys and many operations. A fresh Meridian gateway gets
 * `requests` requests, request n sent with key n mod K and operation (n × 7919) mod O, so every key and
 * every operation comes back again and again. Its resident memory and V8 heap are read before, every
 * `sampleEvery` requests and after. Run once with the configured key cache and once with a key cache
 * smaller than the number of keys: memory should stop growing once the caches are full.
 */
import { loadConfig } from '@meridian/gateway';
import type { BenchConfig } from './config';
import { startMeridian, type Gateway } from './gateways';
import { runLoad, type LoadOutcome } from './load';
import { distinctOperations, requestBody } from './operations';

/** Spreads consecutive requests over the operations; prime, so every operation is reached. */
const OPERATION_STRIDE = 7919;
/** Apollo Server's parsed-document cache and @apollo/gateway's query-plan cache: their default bounds. */
const APOLLO_CACHE_MIB = 30;

interface MemorySample {
  readonly requests: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly keyHits: number;
  readonly keyMisses: number;
  /** What the answer cache holds, as counted against `CACHE_BYTES`, and how many answers. */
  readonly cacheMb: number;
  readonly cacheEntries: number;
}

export interface MemoryRun {
  readonly keyCacheSize: number;
  readonly keyCacheTtlMs: number;
  readonly cacheBytes: number;
  readonly samples: readonly MemorySample[];
  readonly outcome: LoadOutcome;
}

async function sample(gateway: Gateway, requests: number): Promise<MemorySample> {
  const text = await (await fetch(`${gateway.process.url}/metrics`)).text();
  const value = (pattern: string) => Number(new RegExp(`^${pattern} ([\\d.e+]+)$`, 'm').exec(text)?.[1] ?? 0);
  return {
    requests,
    rssMb: gateway.process.rssBytes() / 1e6,
    heapMb: value('meridian_gateway_nodejs_heap_size_used_bytes') / 1e6,
    keyHits: value('meridian_gateway_key_cache_lookups_total\\{result="hit"\\}'),
    keyMisses: value('meridian_gateway_key_cache_lookups_total\\{result="miss"\\}'),
    cacheMb: value('meridian_gateway_cache_bytes') / 1e6,
    cacheEntries: value('meridian_gateway_cache_entries'),
  };
}

export async function runMemory(options: {
  readonly gatewayEnv: Readonly<Record<string, string>>;
  readonly keys: readonly string[];
  /** Undefined: the gateway's configured default. */
  readonly keyCacheSize: number | undefined;
  readonly config: BenchConfig;
}): Promise<MemoryRun> {
  const { config, keys } = options;
  const env = {
    ...options.gatewayEnv,
    CACHE_BYTES: String(config.memory.cacheBytes),
    ...(options.keyCacheSize === undefined ? {} : { KEY_CACHE_SIZE: String(options.keyCacheSize) }),
  };
  const configured = loadConfig(env);
  const operations = distinctOperations(config.memory.operations).map(requestBody);
  const gateway = await startMeridian(env, { verbose: config.verbose });
  try {
    const samples: MemorySample[] = [await sample(gateway, 0)];
    const pending: Promise<MemorySample>[] = [];
    console.log(
      `memory run, key cache ${configured.keyCacheSize}: ${config.memory.requests} requests, ${keys.length} keys, ${operations.length} operations`,
    );
    const outcome = await runLoad({
      url: `${gateway.graphqlUrl}`,
      connections: config.connections,
      amount: config.memory.requests,
      next: (n) => ({
        body: operations[(n * OPERATION_STRIDE) % operations.length]!,
        headers: { 'x-api-key': keys[n % keys.length]! },
      }),
      onAnswered: (answered) => {
        if (answered % config.memory.sampleEvery === 0 && answered < config.memory.requests) {
          pending.push(sample(gateway, answered));
        }
      },
    });
    samples.push(...(await Promise.all(pending)));
    samples.push(await sample(gateway, outcome.requests));
    if (outcome.firstError) console.log(`  first bad answer: ${outcome.firstError}`);
    return {
      keyCacheSize: configured.keyCacheSize,
      keyCacheTtlMs: configured.keyCacheTtlMs,
      cacheBytes: configured.cacheBytes,
      samples,
      outcome,
    };
  } finally {
    await gateway.process.stop();
  }
}

export function printMemory(runs: readonly MemoryRun[], config: BenchConfig): void {
  console.log(
    `\n3. Gateway memory: ${config.memory.requests} requests over ${config.memory.keys} keys and ${config.memory.operations} operations, ${config.connections} connections`,
  );
  console.log(
    `caches: key cache as below (TTL ${runs[0]?.keyCacheTtlMs} ms); answer cache ${(runs[0]?.cacheBytes ?? 0) / 1e6} MB (CACHE_BYTES); Apollo's document cache and query-plan cache ~${APOLLO_CACHE_MIB} MiB each (Apollo defaults); metric labels at most 500 operation names`,
  );
  for (const run of runs) {
    const { outcome } = run;
    console.log(
      `\nkey cache ${run.keyCacheSize} entries: ${outcome.perSecond.toFixed(0)} requests/s, p99 ${outcome.p99Ms} ms, errors ${outcome.httpErrors}+${outcome.graphqlErrors}, ${outcome.sampled} answers checked`,
    );
    console.log('  requests    RSS MB   heap MB   key cache hits   misses   answer cache MB   entries');
    for (const s of run.samples) {
      console.log(
        `${String(s.requests).padStart(10)} ${s.rssMb.toFixed(0).padStart(9)} ${s.heapMb.toFixed(0).padStart(9)} ${String(s.keyHits).padStart(16)} ${String(s.keyMisses).padStart(8)} ${s.cacheMb.toFixed(1).padStart(17)} ${String(s.cacheEntries).padStart(9)}`,
      );
    }
    const half = run.samples.filter((s) => s.requests >= config.memory.requests / 2);
    if (half.length >= 2) {
      const growth = half[half.length - 1]!.rssMb - half[0]!.rssMb;
      console.log(
        `  RSS change over the second half of the run: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB`,
      );
    }
  }
}
