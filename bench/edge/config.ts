/** The edge benchmark's knobs: the only place it reads the environment. */
import { EnvReader, type Env } from '@meridian/kit';

const PARTS = ['throughput', 'stages', 'memory'] as const;
type Part = (typeof PARTS)[number];
const GATEWAYS = [
  'apollo',
  'apollo-fetcher',
  'apollo-kit',
  'meridian',
  'meridian-nocache',
  'meridian-nodedup',
  'hive',
  'hive-nodedup',
] as const;
export type GatewayLabel = (typeof GATEWAYS)[number];
const LOADS = ['mix', 'identical', 'deep'] as const;
export type Load = (typeof LOADS)[number];

export interface BenchConfig {
  readonly parts: readonly Part[];
  /** Throughput: the gateways compared; `apollo` is the baseline and always runs. */
  readonly gateways: readonly GatewayLabel[];
  /** Throughput: the loads each gateway gets. */
  readonly loads: readonly Load[];
  /** Throughput: connections held open by the load generator. */
  readonly connections: number;
  /** Throughput, identical load: clients sending the same few queries at once. */
  readonly identicalConnections: number;
  /** Throughput: length of one measured run of one gateway. */
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Throughput: measured runs per gateway, taken in turns so that noise falls on all three alike. */
  readonly rounds: number;
  /** Stages: iterations of each stage timed in process. */
  readonly stageIterations: number;
  /** Stages: key lookups through billing timed (each one a real HTTP call). */
  readonly lookupIterations: number;
  readonly memory: {
    readonly requests: number;
    readonly keys: number;
    readonly operations: number;
    /** The key cache of the second memory run, smaller than the keys, to show the bound. */
    readonly smallKeyCache: number;
    /** The answer cache's bound in the memory runs: small enough that the runs fill it, to show it holds. */
    readonly cacheBytes: number;
    /** Print a sample every this many requests. */
    readonly sampleEvery: number;
  };
  /** Write CPU profiles of Meridian's gateway and of bare Apollo into this folder during the throughput runs. */
  readonly profileDir: string | undefined;
  readonly verbose: boolean;
}

export function loadBenchConfig(env: Env = process.env): BenchConfig {
  const reader = new EnvReader('bench:edge', env);
  const parts = listOf(reader.optionalString('BENCH_EDGE_PARTS') ?? PARTS.join(','));
  const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) {
    throw new Error(`BENCH_EDGE_PARTS: unknown ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  }
  const gateways = listOf(reader.optionalString('BENCH_EDGE_GATEWAYS') ?? GATEWAYS.join(','));
  const unknownGateways = gateways.filter((name) => !(GATEWAYS as readonly string[]).includes(name));
  if (unknownGateways.length > 0) {
    throw new Error(
      `BENCH_EDGE_GATEWAYS: unknown ${unknownGateways.join(', ')}; choose from ${GATEWAYS.join(', ')}`,
    );
  }
  const loads = listOf(reader.optionalString('BENCH_EDGE_LOADS') ?? LOADS.join(','));
  const unknownLoads = loads.filter((name) => !(LOADS as readonly string[]).includes(name));
  if (unknownLoads.length > 0) {
    throw new Error(`BENCH_EDGE_LOADS: unknown ${unknownLoads.join(', ')}; choose from ${LOADS.join(', ')}`);
  }
  return reader.done({
    parts: parts as Part[],
    loads: LOADS.filter((name) => loads.includes(name)),
    gateways: GATEWAYS.filter((name) => name === 'apollo' || gateways.includes(name)),
    connections: reader.integer('BENCH_EDGE_CONNECTIONS', 32, { min: 1, max: 10_000 }),
    identicalConnections: reader.integer('BENCH_EDGE_IDENTICAL_CONNECTIONS', 50, { min: 1, max: 10_000 }),
    seconds: reader.integer('BENCH_EDGE_SECONDS', 20, { min: 1, max: 3_600 }),
    warmupSeconds: reader.integer('BENCH_EDGE_WARMUP_SECONDS', 5, { min: 0, max: 600 }),
    rounds: reader.integer('BENCH_EDGE_ROUNDS', 2, { min: 1, max: 100 }),
    stageIterations: reader.integer('BENCH_EDGE_STAGE_ITERATIONS', 20_000, { min: 100, max: 10_000_000 }),
    lookupIterations: reader.integer('BENCH_EDGE_LOOKUPS', 2_000, { min: 10, max: 1_000_000 }),
    memory: {
      requests: reader.integer('BENCH_EDGE_MEMORY_REQUESTS', 100_000, { min: 1_000, max: 100_000_000 }),
      keys: reader.integer('BENCH_EDGE_MEMORY_KEYS', 10_000, { min: 1, max: 1_000_000 }),
      operations: reader.integer('BENCH_EDGE_MEMORY_OPERATIONS', 1_000, { min: 1, max: 1_000_000 }),
      smallKeyCache: reader.integer('BENCH_EDGE_SMALL_KEY_CACHE', 1_000, { min: 1, max: 10_000_000 }),
      cacheBytes: reader.integer('BENCH_EDGE_MEMORY_CACHE_BYTES', 4_000_000, {
        min: 100_000,
        max: 16_000_000_000,
      }),
      sampleEvery: reader.integer('BENCH_EDGE_MEMORY_SAMPLE_EVERY', 10_000, { min: 100, max: 10_000_000 }),
    },
    profileDir: reader.optionalString('BENCH_EDGE_PROFILE_DIR'),
    verbose: reader.optionalString('BENCH_EDGE_VERBOSE') === '1',
  });
}

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
