/**
 * The request log and billed usage in billing's store, on SQLite and (with DATABASE_URL) PostgreSQL: every
 * request is logged once with what the gateway reported, found by its request id within its own partner only,
 * and pruned by age and by count per key; only billable events count towards the quota.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openBillingStore, seedIfEmpty, type BillingStore } from '@meridian/billing';
import type { UsageEvent } from '@meridian/contracts';

const NOW = Date.UTC(2026, 2, 10, 12);
const DAY_MS = 86_400_000;

function event(n: number, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id: `evt_${n}`,
    occurredAt: new Date(NOW - n * 1000),
    partnerId: 'par_a',
    keyId: 'key_a',
    operation: 'Teams',
    subgraphs: ['matches'],
    cost: 3,
    durationMs: 4.5,
    outcome: 'ok',
    bytes: 100,
    subscriptionMessages: 0,
    billable: true,
    requestId: `req_${n}`,
    status: 200,
    errorCode: null,
    ...overrides,
  };
}

const databaseUrl = process.env.DATABASE_URL;
const engines = ['sqlite', ...(databaseUrl ? ['postgres'] : [])] as const;
if (!databaseUrl) console.warn('DATABASE_URL is not set: the request log is tested on SQLite only');

describe.each(engines)('the request log on %s', (engine) => {
  const schema = `test_${randomBytes(4).toString('hex')}_billing`;
  let store: BillingStore;

  beforeAll(async () => {
    const location =
      engine === 'sqlite'
        ? {
            dialect: 'sqlite' as const,
            file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-log-')), 'billing.sqlite'),
          }
        : { dialect: 'postgres' as const, url: databaseUrl!, schema };
    ({ store } = await openBillingStore({
      location,
      seedIfEmpty: (fresh) =>
        seedIfEmpty(fresh, { seed: 1, adminEmail: 'admin@example.com', adminPassword: undefined }),
    }));
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    if (engine !== 'postgres') return;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  it('logs each request once, with what the gateway reported, and bills only billable events', async () => {
    const refused = event(2, {
      outcome: 'rejected',
      billable: false,
      status: 429,
      errorCode: 'RATE_LIMITED',
      cost: 0,
    });
    const portal = event(3, { keyId: 'anonymous', billable: false, operation: 'UsagePage' });
    const tally = event(4, { requestId: null, subscriptionMessages: 12 });
    await store.ingestUsage([event(1), refused, portal, tally]);
    // The gateway replays a segment after a crash: nothing is logged or counted twice.
    await store.ingestUsage([event(1), refused]);

    const all = await store.requestLog({ partnerId: 'par_a', limit: 50 });
    expect(all.map((entry) => entry.requestId)).toEqual(['req_1', 'req_2', 'req_3']);
    expect(all[1]).toEqual({
      requestId: 'req_2',
      occurredAt: new Date(NOW - 2000),
      keyId: 'key_a',
      operation: 'Teams',
      status: 429,
      errorCode: 'RATE_LIMITED',
      cost: 0,
      durationMs: 4.5,
      outcome: 'rejected',
      billable: false,
    });
    const month = [new Date(Date.UTC(2026, 2, 1)), new Date(Date.UTC(2026, 3, 1))] as const;
    // The answered key call and the message tally are billed; the refused and the portal's call are not.
    expect(await store.requestsBetween('par_a', ...month)).toBe(2);
    const [series] = await store.usageSeries('par_a', 'day', ...month, 'total');
    expect(series).toMatchObject({ requests: 4, billed: 2 });
  });

  it('finds a request by its id within its own partner only, and filters by key', async () => {
    await store.ingestUsage([event(10, { partnerId: 'par_b', keyId: 'key_b', requestId: 'req_of_b' })]);
    expect(await store.requestLog({ partnerId: 'par_b', requestId: 'req_of_b', limit: 5 })).toHaveLength(1);
    expect(await store.requestLog({ partnerId: 'par_a', requestId: 'req_of_b', limit: 5 })).toEqual([]);
    const portal = await store.requestLog({ partnerId: 'par_a', keyId: 'anonymous', limit: 5 });
    expect(portal.map((entry) => entry.operation)).toEqual(['UsagePage']);
  });

  it('prunes entries older than the retention and beyond the cap per key', async () => {
    const old = [1, 8, 9].map((days) =>
      event(100 + days, {
        partnerId: 'par_c',
        keyId: 'key_c',
        occurredAt: new Date(NOW - days * DAY_MS),
        requestId: `req_${days}_days_old`,
      }),
    );
    const flood = Array.from({ length: 30 }, (_, i) =>
      event(200 + i, { partnerId: 'par_c', keyId: 'key_flood', requestId: `req_flood_${i}` }),
    );
    await store.ingestUsage([...old, ...flood]);
    const removed = await store.pruneRequestLog(new Date(NOW - 7 * DAY_MS), 20);
    expect(removed).toBe(2 + 10);
    const kept = await store.requestLog({ partnerId: 'par_c', keyId: 'key_c', limit: 50 });
    expect(kept.map((entry) => entry.requestId)).toEqual(['req_1_days_old']);
    const flooded = await store.requestLog({ partnerId: 'par_c', keyId: 'key_flood', limit: 50 });
    expect(flooded).toHaveLength(20);
    // The newest stay: request i happened i seconds before NOW + 200 s.
    expect(flooded[0]!.requestId).toBe('req_flood_0');
    expect(flooded.at(-1)!.requestId).toBe('req_flood_19');
    // Other partners' entries are not touched by the cap on one key.
    expect(await store.requestLog({ partnerId: 'par_a', limit: 50 })).toHaveLength(3);
  });
});
