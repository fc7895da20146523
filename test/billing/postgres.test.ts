/**
 * Billing on PostgreSQL: the same store code behind `DATABASE_URL`, in a schema of its own for this run
 * (dropped afterwards). Key lookup, idempotent usage intake that refuses malformed events one by one,
 * sessions ended by a reused refresh token, invoices and the question builder's dialect-specific time
 * buckets must answer exactly as on SQLite. Skipped, saying so, without PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { previousMonth } from '@meridian/billing';
import { SHARED_DATA_DIR } from '@meridian/kit';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  sha256,
  startBillingForTest,
  STARTUP_TIMEOUT_MS,
  type BillingUnderTest,
} from './service';
import { BILLING_ROUTES } from '@meridian/contracts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL is not set: skipping the billing PostgreSQL tests');
const withPostgres = databaseUrl ? describe : describe.skip;

const SAMPLE_DIR = path.join(SHARED_DATA_DIR, 'billing', 'metabase_sample_dataset');
const IMPORTER = require.resolve('@meridian/billing/import-metabase');

const QUESTIONS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'].map(
  (bucket) => `{ summarize(metric: SUM, field: "order.total",
      groupBy: [{ field: "product.category" }, { field: "order.createdAt", bucket: ${bucket} }],
      filter: [{ field: "customer.source", op: IN, values: ["Google", "Organic"] }]) { columns rows { group value } } }`,
);

withPostgres('billing on PostgreSQL', () => {
  const prefix = `test_${randomBytes(4).toString('hex')}_`;
  let onPostgres: BillingUnderTest;
  let onSqlite: BillingUnderTest;
  let admin: Record<string, string>;

  beforeAll(async () => {
    onPostgres = await startBillingForTest({
      env: { DATABASE_URL: databaseUrl!, DATABASE_SCHEMA_PREFIX: prefix },
    });
    onSqlite = await startBillingForTest();
    admin = await onPostgres.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await onPostgres?.close();
    await onSqlite?.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${prefix}billing" cascade`);
    await client.query(`drop schema if exists "${prefix}import_billing" cascade`);
    await client.end();
  });

  it('answers every question builder bucket exactly as SQLite does on the same seed', async () => {
    const sqliteAdmin = await onSqlite.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const query of QUESTIONS) {
      const fromPostgres = await onPostgres.gql(query, {}, admin);
      const fromSqlite = await onSqlite.gql(query, {}, sqliteAdmin);
      expect(fromPostgres.errors).toBeUndefined();
      expect((fromPostgres.data as { summarize: { rows: unknown[] } }).summarize.rows.length).toBeGreaterThan(
        0,
      );
      expect(fromPostgres).toEqual(fromSqlite);
    }
  });

  it("prepares the month just ended's drafts at start exactly as SQLite does on the same seed", async () => {
    const lastMonth = previousMonth(new Date());
    const sqliteAdmin = await onSqlite.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const drafts = async (billing: BillingUnderTest, headers: Record<string, string>) => {
      const result = await billing.gql<{ invoices: unknown[] }>(
        'query($m: String) { invoices(status: DRAFT, period: $m) { period totalCents partner { id } } }',
        { m: lastMonth },
        headers,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.invoices;
    };
    // Each service checks at start; give both checks a moment to finish.
    const started = Date.now();
    while (
      ((await drafts(onPostgres, admin)).length === 0 ||
        (await drafts(onSqlite, sqliteAdmin)).length === 0) &&
      Date.now() - started < 5_000
    ) {
      await sleep(100);
    }
    const fromPostgres = await drafts(onPostgres, admin);
    expect(fromPostgres.length).toBeGreaterThan(0);
    expect(fromPostgres).toEqual(await drafts(onSqlite, sqliteAdmin));
  });

  it('creates, looks up and revokes keys', async () => {
    const created = await onPostgres.gql<{ createApiKey: { secret: string; key: { id: string } } }>(
      'mutation { createApiKey(partnerId: "par_0001", name: "pg", scopes: ["matches:read"]) { secret key { id } } }',
      {},
      admin,
    );
    const { secret, key } = created.data!.createApiKey;
    expect(
      (await onPostgres.internal(BILLING_ROUTES.keyLookup, { hash: sha256(secret) })).body,
    ).toMatchObject({
      keyId: key.id,
      partnerId: 'par_0001',
    });
    await onPostgres.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }, admin);
    expect((await onPostgres.internal(BILLING_ROUTES.keyLookup, { hash: sha256(secret) })).status).toBe(401);
  });

  it('keeps safelists and safelist-only keys', async () => {
    const register = (text: string) =>
      onPostgres.gql<{ registerOperations: { id: string }[] }>(
        'mutation($t: String!) { registerOperations(partnerId: "par_0001", operations: [{ text: $t }]) { id } }',
        { t: text },
        admin,
      );
    const text = '{ teams { id } }';
    expect((await register(text)).data?.registerOperations).toEqual([{ id: sha256(text) }]);
    expect((await register(text)).data?.registerOperations).toEqual([{ id: sha256(text) }]);
    expect(
      (await onPostgres.internal(BILLING_ROUTES.safelistLookup, { partnerId: 'par_0001' })).body,
    ).toEqual({
      partnerId: 'par_0001',
      operations: [{ id: sha256(text), text }],
    });
    // Every partner's operations at once: a text on two lists once, the newest registration first.
    const newer = '{ competitions { id } }';
    for (const shared of [text, newer]) {
      await onPostgres.gql(
        'mutation($t: String!) { registerOperations(partnerId: "par_0002", operations: [{ text: $t }]) { id } }',
        { t: shared },
        admin,
      );
    }
    expect(
      (await onPostgres.internal(BILLING_ROUTES.safelistOperations, { maxOperations: 10 })).body,
    ).toEqual({
      operations: [newer, text].map((listed) => ({ id: sha256(listed), text: listed })),
      truncated: false,
    });
    const created = await onPostgres.gql<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(partnerId: "par_0001", name: "prod", scopes: ["matches:read"], safelistOnly: true) { secret } }',
      {},
      admin,
    );
    const { secret } = created.data!.createApiKey;
    expect(
      (await onPostgres.internal(BILLING_ROUTES.keyLookup, { hash: sha256(secret) })).body,
    ).toMatchObject({
      safelistOnly: true,
    });
  });

  it('takes usage once, refuses malformed events alone, and invoices the month', async () => {
    const event = (i: number) => ({
      id: `pg_${i}`,
      occurredAt: '2026-02-10T10:00:00Z',
      partnerId: 'par_0001',
      keyId: 'key_x',
      operation: 'Op',
      subgraphs: ['matches'],
      cost: 2,
      durationMs: 3,
      outcome: 'ok',
      bytes: 4,
    });
    const batch = Array.from({ length: 50 }, (_, i) => event(i));
    expect((await onPostgres.internal(BILLING_ROUTES.usage, { events: batch })).body).toEqual({
      accepted: 50,
      duplicates: 0,
      rejected: [],
    });
    expect((await onPostgres.internal(BILLING_ROUTES.usage, { events: batch })).body).toEqual({
      accepted: 0,
      duplicates: 50,
      rejected: [],
    });
    // A cost beyond PostgreSQL's integer column is refused as an event, not failed as a statement.
    const mixed = [event(100), { ...event(101), outcome: 'maybe' }, { ...event(102), cost: 2 ** 40 }];
    expect((await onPostgres.internal(BILLING_ROUTES.usage, { events: mixed })).body).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 1, id: 'pg_101', field: 'outcome', reason: expect.any(String) },
        { index: 2, id: 'pg_102', field: 'cost', reason: expect.any(String) },
      ],
    });
    const quota = await onPostgres.gql<{ quota: { used: number } }>(
      '{ quota(partnerId: "par_0001", at: "2026-02-20T00:00:00Z") { used } }',
      {},
      admin,
    );
    expect(quota.data?.quota.used).toBe(51);
    const invoice = await onPostgres.gql<{
      generateInvoice: { status: string; lines: { amountCents: number }[] };
    }>(
      'mutation { generateInvoice(partnerId: "par_0001", period: "2026-02") { status lines { amountCents } } }',
      {},
      admin,
    );
    expect(invoice.data?.generateInvoice.status).toBe('DRAFT');
  });

  it('ends the session of a refresh token used twice, with its newer tokens', async () => {
    const refresh = (token: string) =>
      onPostgres.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
        'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
        { t: token },
      );
    const login = await onPostgres.gql<{ login: { refreshToken: string } }>(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }',
      { e: ADMIN_EMAIL, p: ADMIN_PASSWORD },
    );
    const first = login.data!.login.refreshToken;
    const second = (await refresh(first)).data!.refreshSession;
    expect(codeOf(await refresh(first))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(second.refreshToken))).toBe('UNAUTHENTICATED');
    const me = await onPostgres.gql(
      '{ me { email } }',
      {},
      { authorization: `Bearer ${second.accessToken}` },
    );
    expect(codeOf(me)).toBe('UNAUTHENTICATED');
    // The admin's other session is another chain: it goes on.
    expect((await onPostgres.gql('{ me { email } }', {}, admin)).errors).toBeUndefined();
  });

  (fs.existsSync(SAMPLE_DIR) ? it : it.skip)(
    'imports the Metabase sample: 18,760 orders summing to exactly 1,510,617.70',
    async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [IMPORTER, SAMPLE_DIR], {
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: databaseUrl!,
          DATABASE_SCHEMA_PREFIX: `${prefix}import_`,
          ADMIN_PASSWORD,
        },
      });
      expect(stdout).toContain('18760 orders (total 1510617.70)');
    },
    STARTUP_TIMEOUT_MS,
  );
});
