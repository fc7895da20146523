/**
 * The business dashboards and the question builder, on the real Metabase sample (imported with the CLI,
 * checked against the same data's PostgreSQL dump, parsed independently here) and on the generated demo
 * shop (checked against the generator's rows summed in JavaScript).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateShop } from '@meridian/billing';
import { SHARED_DATA_DIR } from '@meridian/kit';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  freshDir,
  startBillingForTest,
  type BillingUnderTest,
  STARTUP_TIMEOUT_MS,
} from './service';

const SAMPLE_DIR = path.join(SHARED_DATA_DIR, 'billing', 'metabase_sample_dataset');
const IMPORTER = require.resolve('@meridian/billing/import-metabase');
const DAY_MS = 86_400_000;

const haveSample = fs.existsSync(SAMPLE_DIR);
if (!haveSample) console.warn(`skipping the Metabase sample tests: ${SAMPLE_DIR} is absent`);
const withSample = haveSample ? describe : describe.skip;

interface DumpOrder {
  userId: number;
  totalCents: number;
  createdAt: number;
}

/** The orders of the sample's PostgreSQL dump: an independent copy of the same rows. */
function dumpOrders(): DumpOrder[] {
  const text = fs.readFileSync(path.join(SAMPLE_DIR, 'sample-dataset.postgres.db.sql'), 'utf8');
  const start = text.indexOf('INSERT INTO "orders"');
  // One order has a negative total (its discount exceeds its subtotal): amounts may carry a sign.
  const row =
    /\((\d+), (\d+), (-?[\d.]+), (-?[\d.]+), (-?[\d.]+), (NULL|-?[\d.]+), timestamp with time zone '([^']+)', (\d+)\)/g;
  const orders: DumpOrder[] = [];
  for (const match of text.slice(start).matchAll(row)) {
    const [whole, fraction = ''] = match[5]!.replace('-', '').split('.');
    const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    orders.push({
      userId: Number(match[1]),
      totalCents: match[5]!.startsWith('-') ? -cents : cents,
      createdAt: Date.parse(match[7]!.replace(' ', 'T')),
    });
  }
  return orders;
}

function mondayOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  return new Date((day - ((day + 3) % 7)) * DAY_MS).toISOString().slice(0, 10);
}

function sumBy<T>(
  rows: readonly T[],
  key: (row: T) => string | number,
  cents: (row: T) => number,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(String(key(row)), (sums.get(String(key(row))) ?? 0) + cents(row));
  return sums;
}

type SummaryData = {
  summarize: { columns: string[]; truncated: boolean; rows: { group: string[]; value: number | null }[] };
};
const SUMMARIZE = `query($metric: SummaryMetric!, $field: String, $groupBy: [GroupByInput!], $filter: [FilterInput!]) {
  summarize(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter) { columns truncated rows { group value } } }`;

withSample('the Metabase sample dataset', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let orders: DumpOrder[];
  const summarize = (variables: Record<string, unknown>) =>
    billing.gql<SummaryData>(SUMMARIZE, variables, admin);

  beforeAll(async () => {
    const dataDir = freshDir();
    const { stdout } = await promisify(execFile)(process.execPath, [IMPORTER, SAMPLE_DIR], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ADMIN_PASSWORD },
    });
    expect(stdout).toContain('2500 people, 200 products and 18760 orders (total 1510617.70)');
    billing = await startBillingForTest({ dataDir });
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    orders = dumpOrders();
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  it('holds all 18,760 orders, whose totals sum to exactly 1,510,617.70', async () => {
    expect(orders).toHaveLength(18_760);
    expect(orders.reduce((sum, order) => sum + order.totalCents, 0)).toBe(151_061_770);
    const count = await summarize({ metric: 'COUNT' });
    expect(count.data?.summarize.rows).toEqual([{ group: [], value: 18_760 }]);
    const sum = await summarize({ metric: 'SUM', field: 'order.total' });
    expect(Math.round(sum.data!.summarize.rows[0]!.value! * 100)).toBe(151_061_770);
  });

  it('counts orders per year, discounts and categories as the dataset notes say', async () => {
    const byYear = await summarize({
      metric: 'COUNT',
      groupBy: [{ field: 'order.createdAt', bucket: 'YEAR' }],
    });
    expect(byYear.data?.summarize).toEqual({
      columns: ['order.createdAt:year'],
      truncated: false,
      rows: [
        { group: ['2016'], value: 744 },
        { group: ['2017'], value: 3610 },
        { group: ['2018'], value: 5834 },
        { group: ['2019'], value: 6578 },
        { group: ['2020'], value: 1994 },
      ],
    });
    expect(
      (await summarize({ metric: 'COUNT', field: 'order.discount' })).data?.summarize.rows[0]?.value,
    ).toBe(1915);
    expect(
      (await summarize({ metric: 'DISTINCT', field: 'product.category' })).data?.summarize.rows[0]?.value,
    ).toBe(4);
    expect((await summarize({ metric: 'DISTINCT', field: 'order.createdAt' })).errors).toBeUndefined();
    expect(
      (await summarize({ metric: 'DISTINCT', field: 'customer.id' })).data?.summarize.rows[0]?.value,
    ).toBe(1746);
  });

  it('keeps the commas the CSV escaped with a backslash', async () => {
    const vendors = await summarize({
      metric: 'COUNT',
      groupBy: [{ field: 'product.vendor' }],
      filter: [{ field: 'product.vendor', op: 'EQ', values: ['Swaniawski, Casper and Hilll'] }],
    });
    expect(vendors.data?.summarize.rows).toHaveLength(1);
    expect(vendors.data?.summarize.rows[0]?.group).toEqual(['Swaniawski, Casper and Hilll']);
  });

  it('ranks the top customers by sales, paginated as "rows 1–5 of 10"', async () => {
    const totals = [
      ...sumBy(
        orders,
        (order) => order.userId,
        (order) => order.totalCents,
      ),
    ]
      .map(([id, cents]) => ({ id: Number(id), cents }))
      .sort((a, b) => b.cents - a.cents || a.id - b.id)
      .slice(0, 10);
    const page = (offset: number) =>
      billing.gql<{
        topCustomersBySales: {
          from: number;
          to: number;
          total: number;
          rows: { rank: number; customerId: number; name: string; amount: number; currency: string }[];
        };
      }>(
        'query($o: Int!) { topCustomersBySales(top: 10, first: 5, offset: $o) { from to total rows { rank customerId name amount currency } } }',
        { o: offset },
        admin,
      );
    const [first, second] = [
      (await page(0)).data!.topCustomersBySales,
      (await page(5)).data!.topCustomersBySales,
    ];
    expect([first.from, first.to, first.total]).toEqual([1, 5, 10]);
    expect([second.from, second.to, second.total]).toEqual([6, 10, 10]);
    const rows = [...first.rows, ...second.rows];
    expect(rows.map((row) => [row.rank, row.customerId, Math.round(row.amount * 100)])).toEqual(
      totals.map((total, index) => [index + 1, total.id, total.cents]),
    );
    expect(rows.every((row) => row.currency === 'USD' && row.name.length > 0)).toBe(true);
  });

  it('gives revenue per week that matches the orders, Monday to Sunday', async () => {
    const result = await billing.gql<{ revenueByWeek: { weekStart: string; revenue: number }[] }>(
      '{ revenueByWeek { weekStart revenue } }',
      {},
      admin,
    );
    const expected = sumBy(
      orders,
      (order) => mondayOf(order.createdAt),
      (order) => order.totalCents,
    );
    const weeks = result.data!.revenueByWeek;
    expect(weeks).toHaveLength(expected.size);
    for (const week of weeks) {
      expect(new Date(week.weekStart).getUTCDay()).toBe(1);
      expect(Math.round(week.revenue * 100)).toBe(expected.get(week.weekStart));
    }
  });

  it('measures the last 30 days of revenue against the target', async () => {
    const result = await billing.gql<{
      revenueAgainstTarget: { from: string; to: string; revenue: number; target: number; attainment: number };
    }>('{ revenueAgainstTarget { from to revenue target attainment } }', {}, admin);
    const { from, to, revenue, target, attainment } = result.data!.revenueAgainstTarget;
    // The latest order is on 2020-04-19: the window ends at the end of that day.
    expect(to).toBe('2020-04-20T00:00:00.000Z');
    expect(Date.parse(to) - Date.parse(from)).toBe(30 * DAY_MS);
    const cents = orders
      .filter((order) => order.createdAt >= Date.parse(from) && order.createdAt < Date.parse(to))
      .reduce((sum, order) => sum + order.totalCents, 0);
    expect(Math.round(revenue * 100)).toBe(cents);
    expect(target).toBe(billing.config.revenueTargetCents / 100);
    expect(attainment).toBeCloseTo(cents / billing.config.revenueTargetCents, 10);
  });

  it('treats hostile strings as values or refuses them, and the data stays intact', async () => {
    const asValue = await summarize({
      metric: 'COUNT',
      filter: [{ field: 'customer.state', op: 'EQ', values: ["TX' OR '1'='1"] }],
    });
    expect(asValue.data?.summarize.rows).toEqual([{ group: [], value: 0 }]);
    for (const field of [
      'order.total) from shop_order; drop table shop_order; --',
      'shop_order.total_cents',
      'customer.email',
    ]) {
      const refused = await summarize({ metric: 'SUM', field });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'field' });
    }
    expect((await summarize({ metric: 'COUNT' })).data?.summarize.rows[0]?.value).toBe(18_760);
  });

  it('splits a count over a joined column without losing an order', async () => {
    const bySource = await summarize({
      metric: 'COUNT',
      groupBy: [{ field: 'customer.source' }, { field: 'product.category' }],
    });
    const rows = bySource.data!.summarize.rows;
    expect(rows).toHaveLength(5 * 4);
    expect(rows.reduce((sum, row) => sum + row.value!, 0)).toBe(18_760);
  });
});

describe('the generated demo shop', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;

  beforeAll(async () => {
    billing = await startBillingForTest({ env: { SEED: '7' } });
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  it('summarizes exactly what the generator produced, by week, month and quarter', async () => {
    // The same generator, seed and size as the store's first start.
    const shop = generateShop({
      seed: 7,
      people: 500,
      products: 60,
      orders: 6_000,
      from: new Date(Date.UTC(2024, 0, 1)),
      to: new Date(Date.UTC(2026, 0, 1)),
    });
    const labels = {
      WEEK: (ms: number) => mondayOf(ms),
      MONTH: (ms: number) => new Date(ms).toISOString().slice(0, 7),
      QUARTER: (ms: number) => {
        const at = new Date(ms);
        return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
      },
    };
    for (const [bucket, label] of Object.entries(labels)) {
      const result = await billing.gql<SummaryData>(
        SUMMARIZE,
        { metric: 'SUM', field: 'order.total', groupBy: [{ field: 'order.createdAt', bucket }] },
        admin,
      );
      const expected = sumBy(
        shop.orders,
        (order) => label(order.created_at_ms),
        (order) => order.total_cents,
      );
      const actual = new Map(
        result.data!.summarize.rows.map((row) => [row.group[0]!, Math.round(row.value! * 100)]),
      );
      expect(actual).toEqual(expected);
    }
  });

  it('gives the same answer from per-day partials as from one pass over the orders', async () => {
    // A filter on a joined table forces the one-pass query; without it, the per-day fold answers.
    const everyone = { field: 'customer.id', op: 'GTE', values: ['0'] };
    for (const metric of ['SUM', 'COUNT', 'MIN', 'MAX']) {
      for (const bucket of ['DAY', 'WEEK', 'YEAR']) {
        const ask = (filter: object[]) =>
          billing.gql<SummaryData>(
            SUMMARIZE,
            { metric, field: 'order.subtotal', groupBy: [{ field: 'order.createdAt', bucket }], filter },
            admin,
          );
        const [folded, onePass] = [await ask([]), await ask([everyone])];
        expect(folded.errors).toBeUndefined();
        expect(folded.data!.summarize.rows.length).toBeGreaterThan(0);
        expect(folded.data).toEqual(onePass.data);
      }
    }
  });

  it('refuses questions outside the allow-list and limits with a code naming the argument', async () => {
    const result = await billing.gql(SUMMARIZE, { metric: 'AVG', field: 'customer.name' }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'field' });
    const page = await billing.gql('{ topCustomersBySales(first: 500) { total } }', {}, admin);
    expect(page.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      limit: 100,
    });
    expect(codeOf(await billing.gql('{ summarize(metric: COUNT) { truncated } }'))).toBe('UNAUTHENTICATED');
  });
});
