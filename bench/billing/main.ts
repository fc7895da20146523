/**
 * Billing benchmarks: `npm run bench -w @meridian/billing`. Prints
 *   1. key lookup by hash, in process: p50/p99 of a first lookup (the store) and of a repeated one (the cache);
 *   2. usage ingest: events per second through parsing, idempotent insert and hourly/daily rollups (on
 *      PostgreSQL too when `DATABASE_URL` is set);
 *   3. `summarize` over 1 M generated orders, SUM of totals grouped by week, on SQLite, and on PostgreSQL
 *      beside it when `DATABASE_URL` is set (in a schema of its own, dropped afterwards).
 * Ratios against the goals are computed in the same run. The machine is shared: expect ±20 % between runs.
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKey, hashKey, parseKey, type DatabaseLocation } from '@meridian/kit';
import {
  answerQuestion,
  generateShop,
  KeyDirectory,
  LastUsedRecorder,
  openBillingStore,
  parseQuestion,
  parseUsageBatch,
  seedIfEmpty,
  type BillingStore,
} from '@meridian/billing';
import pg from 'pg';

const GOALS = { lookupP99Us: 50, ingestEventsPerSecond: 100_000, summarizeMs: 300 } as const;
const KEYS = 10_000;
const WARM_LOOKUPS = 200_000;
const INGEST_EVENTS = 300_000;
const INGEST_BATCH = 10_000;
const ORDERS = 1_000_000;
const SUMMARIZE_RUNS = 5;
const SEED = { seed: 1, adminEmail: 'admin@bench.example', adminPassword: undefined } as const;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function micros(samples: number[]): string {
  samples.sort((a, b) => a - b);
  return `p50 ${percentile(samples, 50).toFixed(1)} µs, p99 ${percentile(samples, 99).toFixed(1)} µs`;
}

async function benchKeyLookup(store: BillingStore): Promise<void> {
  const hashes: string[] = [];
  const createdAt = new Date();
  for (let i = 0; i < KEYS; i++) {
    const secret = generateKey('live');
    const parsed = parseKey(secret)!;
    const hash = hashKey(secret);
    hashes.push(hash);
    await store.createKey({
      id: `key_bench_${i}`,
      partnerId: `par_000${1 + (i % 8)}`,
      name: 'bench',
      environment: 'live',
      prefix: parsed.prefix,
      lastFour: parsed.lastFour,
      scopes: ['matches:read'],
      createdAt,
      expiresAt: null,
      safelistOnly: false,
      hash,
    });
  }
  const lastUsed = new LastUsedRecorder(store);
  const keys = new KeyDirectory(store, lastUsed);
  const time = async (hash: string) => {
    const start = process.hrtime.bigint();
    const result = await keys.lookup(hash);
    const elapsed = Number(process.hrtime.bigint() - start) / 1000;
    if (result.status !== 'ok') throw new Error(`lookup failed: ${result.status}`);
    return elapsed;
  };
  const cold: number[] = [];
  for (const hash of hashes) cold.push(await time(hash));
  const warm: number[] = [];
  for (let i = 0; i < WARM_LOOKUPS; i++) warm.push(await time(hashes[i % 500]!));
  await lastUsed.close();
  const warmP99 = [...warm].sort((a, b) => a - b);
  console.log(`key lookup, first time (SQLite by hash): ${micros(cold)} over ${KEYS} keys`);
  console.log(`key lookup, cached:                      ${micros(warm)} over ${WARM_LOOKUPS} lookups`);
  console.log(
    `  goal p99 ≤ ${GOALS.lookupP99Us} µs: cached p99 is ${(percentile(warmP99, 99) / GOALS.lookupP99Us).toFixed(2)}× the goal, first-time p99 ${(
      percentile(
        cold.sort((a, b) => a - b),
        99,
      ) / GOALS.lookupP99Us
    ).toFixed(2)}×`,
  );
}

async function benchIngest(label: string, store: BillingStore): Promise<number> {
  const base = Date.UTC(2026, 1, 1);
  const batches = Array.from({ length: INGEST_EVENTS / INGEST_BATCH }, (_, b) =>
    JSON.parse(
      JSON.stringify({
        events: Array.from({ length: INGEST_BATCH }, (_, i) => {
          const n = b * INGEST_BATCH + i;
          return {
            id: `evt_${n}`,
            occurredAt: new Date(base + n * 997).toISOString(),
            partnerId: `par_000${1 + (n % 8)}`,
            keyId: `key_bench_${n % 200}`,
            operation: ['LiveMatch', 'Fleet', 'Invoices', 'EngineHealth'][n % 4],
            subgraphs: n % 3 === 0 ? ['matches', 'billing'] : ['telemetry'],
            cost: 1 + (n % 20),
            durationMs: 5 + (n % 50),
            outcome: n % 50 === 0 ? 'error' : 'ok',
            bytes: 500 + (n % 4000),
            subscriptionMessages: 0,
          };
        }),
      }),
    ),
  );
  const start = performance.now();
  let accepted = 0;
  for (const batch of batches) accepted += (await store.ingestUsage(parseUsageBatch(batch).events)).accepted;
  const seconds = (performance.now() - start) / 1000;
  const retryStart = performance.now();
  const duplicates = (await store.ingestUsage(parseUsageBatch(batches[0]).events)).duplicates;
  const retryMs = performance.now() - retryStart;
  const rate = accepted / seconds;
  console.log(
    `usage ingest on ${label}: ${accepted} events in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en')} events/s ` +
      `(batches of ${INGEST_BATCH}, parse + insert + rollups); goal ≥ ${GOALS.ingestEventsPerSecond.toLocaleString('en')}: ${(rate / GOALS.ingestEventsPerSecond).toFixed(2)}×`,
  );
  console.log(
    `  a retried batch of ${INGEST_BATCH}: ${duplicates} duplicates skipped in ${retryMs.toFixed(0)} ms`,
  );
  return rate;
}

async function benchSummarize(label: string, store: BillingStore): Promise<number> {
  let start = performance.now();
  const shop = generateShop({
    seed: 1,
    people: 20_000,
    products: 200,
    orders: ORDERS,
    from: new Date(Date.UTC(2016, 0, 1)),
    to: new Date(Date.UTC(2026, 0, 1)),
  });
  const generated = performance.now() - start;
  start = performance.now();
  await store.replaceShop(shop);
  const loaded = performance.now() - start;
  const question = parseQuestion({
    metric: 'SUM',
    field: 'order.total',
    groupBy: [{ field: 'order.createdAt', bucket: 'week' }],
  });
  const times: number[] = [];
  let weeks = 0;
  for (let i = 0; i < SUMMARIZE_RUNS; i++) {
    start = performance.now();
    weeks = (await answerQuestion(store, question)).rows.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `summarize on ${label}: SUM(order.total) by week over ${ORDERS.toLocaleString('en')} orders → ${weeks} weeks: ` +
      `median ${median.toFixed(0)} ms, best ${times[0]!.toFixed(0)} ms of ${SUMMARIZE_RUNS}; goal ≤ ${GOALS.summarizeMs} ms: ${(median / GOALS.summarizeMs).toFixed(2)}× ` +
      `(generated in ${(generated / 1000).toFixed(1)} s, loaded in ${(loaded / 1000).toFixed(1)} s)`,
  );
  return median;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-billing-bench-'));
  const sqlite: DatabaseLocation = { dialect: 'sqlite', file: path.join(dir, 'billing.sqlite') };
  const { store } = await openBillingStore({
    location: sqlite,
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, SEED),
  });
  try {
    await benchKeyLookup(store);
    const ingestSqlite = await benchIngest('SQLite', store);
    const onSqlite = await benchSummarize('SQLite', store);
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      console.log('usage ingest and summarize on PostgreSQL: skipped (DATABASE_URL is not set)');
      return;
    }
    const schema = `bench_${crypto.randomBytes(4).toString('hex')}_billing`;
    const onPg = await openBillingStore({
      location: { dialect: 'postgres', url: databaseUrl, schema },
      seedIfEmpty: (fresh) => seedIfEmpty(fresh, SEED),
    });
    try {
      const ingestPostgres = await benchIngest('PostgreSQL', onPg.store);
      console.log(`  PostgreSQL / SQLite ingest rate: ${(ingestPostgres / ingestSqlite).toFixed(2)}×`);
      const onPostgres = await benchSummarize('PostgreSQL', onPg.store);
      console.log(`  PostgreSQL / SQLite: ${(onPostgres / onSqlite).toFixed(2)}×`);
    } finally {
      await onPg.store.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
