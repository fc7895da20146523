/**
 * The API business's own dashboards against SQL written here, straight over the store's tables (invoice,
 * partner, plan, usage_rollup), on SQLite and, when DATABASE_URL is set, on PostgreSQL. The store starts
 * with the development demo history (months of usage, issued and paid invoices, one partner gone), so every
 * figure has something to add up. Also: saved questions, the question builder's value picker, its
 * case-insensitive filters and its CSV, and who may call any of it.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  startBillingForTest,
  STARTUP_TIMEOUT_MS,
  type BillingUnderTest,
} from './service';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL is not set: the business dashboards are checked on SQLite only');

type SqlRow = Record<string, unknown>;
/** Runs SQL written with `?` placeholders on the store under test. */
type RunSql = (text: string, params?: unknown[]) => Promise<SqlRow[]>;

interface Backend {
  readonly name: string;
  readonly env: Record<string, string>;
  open(billing: BillingUnderTest): Promise<{ run: RunSql; close(): Promise<void> }>;
}

const prefix = `test_${randomBytes(4).toString('hex')}_`;
const backends: Backend[] = [
  {
    name: 'SQLite',
    env: {},
    async open(billing) {
      const db = new Database(path.join(billing.dataDir, 'billing.sqlite'));
      return {
        run: async (text, params = []) => db.prepare(text).all(...params) as SqlRow[],
        close: async () => {
          db.close();
        },
      };
    },
  },
  ...(databaseUrl
    ? [
        {
          name: 'PostgreSQL',
          env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA_PREFIX: prefix },
          async open() {
            const client = new pg.Client({ connectionString: databaseUrl });
            await client.connect();
            await client.query(`set search_path to "${prefix}billing"`);
            return {
              run: async (text: string, params: unknown[] = []) => {
                let n = 0;
                return (
                  await client.query(
                    text.replace(/\?/g, () => `$${++n}`),
                    params,
                  )
                ).rows as SqlRow[];
              },
              async close() {
                await client.query(`drop schema if exists "${prefix}billing" cascade`);
                await client.end();
              },
            };
          },
        },
      ]
    : []),
];

const DASHBOARD = `query { businessDashboard(weeks: 8, months: 7, top: 5) {
  currency asOf
  revenueWindow { start end partial revenue invoices target attainment }
  weeklyRevenue { start end partial revenue invoices }
  mrr mrrByPlan { planId planName activePartners monthlyPrice mrr }
  rankingSpan { start end partial }
  topPartnersByUsage { partnerId name billedRequests revenue }
  topPartnersByRevenue { partnerId billedRequests revenue }
  quotaMonth { start end partial }
  quotaWatchPercent
  partnersNearQuota { partnerId billedRequests monthlyQuota share }
  partnerGrowth { start end partial joined churned activeAtEnd }
} }`;

interface Period {
  start: string;
  end: string;
  partial: boolean;
}
interface Dashboard {
  currency: string;
  asOf: string;
  revenueWindow: Period & { revenue: number; invoices: number; target: number; attainment: number };
  weeklyRevenue: (Period & { revenue: number; invoices: number })[];
  mrr: number;
  mrrByPlan: { planId: string; activePartners: number; monthlyPrice: number; mrr: number }[];
  rankingSpan: Period;
  topPartnersByUsage: { partnerId: string; billedRequests: number; revenue: number }[];
  topPartnersByRevenue: { partnerId: string; billedRequests: number; revenue: number }[];
  quotaMonth: Period;
  quotaWatchPercent: number;
  partnersNearQuota: { partnerId: string; billedRequests: number; monthlyQuota: number; share: number }[];
  partnerGrowth: (Period & { joined: number; churned: number; activeAtEnd: number })[];
}

const REVENUE = `select coalesce(sum(subtotal_cents), 0) as cents, count(*) as invoices from invoice
  where status in ('issued', 'paid') and currency = ? and issued_at >= ? and issued_at < ?`;
const num = (value: unknown) => Number(value);

describe.each(backends)('the API business dashboards on $name', (backend) => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let db: { run: RunSql; close(): Promise<void> };
  let dashboard: Dashboard;

  beforeAll(async () => {
    billing = await startBillingForTest({ env: { ...backend.env, DEMO_HISTORY: 'on', CURRENCY: 'EUR' } });
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    db = await backend.open(billing);
    const result = await billing.gql<{ businessDashboard: Dashboard }>(DASHBOARD, {}, admin);
    expect(result.errors).toBeUndefined();
    dashboard = result.data!.businessDashboard;
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await billing?.close();
    await db?.close();
  });

  it('states every amount in the configured currency, the invoices’ own', async () => {
    expect(dashboard.currency).toBe('EUR');
    expect(billing.config.currency).toBe('EUR');
    const currencies = await db.run('select distinct currency from invoice');
    expect(currencies.map((row) => row.currency)).toEqual(['EUR']);
  });

  it('adds up net revenue of issued and paid invoices over 30 days and per week, the week in progress partial', async () => {
    const { revenueWindow: window, weeklyRevenue: weeks } = dashboard;
    const [total] = await db.run(REVENUE, ['EUR', window.start, window.end]);
    expect(Math.round(window.revenue * 100)).toBe(num(total!.cents));
    expect(window.invoices).toBe(num(total!.invoices));
    expect(window.invoices).toBeGreaterThan(0);
    expect(window.target).toBe(billing.config.businessRevenueTargetCents / 100);
    expect(window.attainment).toBeCloseTo(num(total!.cents) / billing.config.businessRevenueTargetCents, 10);
    expect(Date.parse(window.end) - Date.parse(window.start)).toBeGreaterThan(29 * 86_400_000);
    expect(window.end).toBe(dashboard.asOf);

    expect(weeks).toHaveLength(8);
    let weekly = 0;
    for (const [index, week] of weeks.entries()) {
      const [row] = await db.run(REVENUE, ['EUR', week.start, week.end]);
      expect(Math.round(week.revenue * 100)).toBe(num(row!.cents));
      expect(week.invoices).toBe(num(row!.invoices));
      expect(new Date(week.start).getUTCDay()).toBe(1);
      weekly += week.invoices;
      // Only the last week is in progress: it ends now, not seven days after its Monday.
      expect(week.partial).toBe(index === weeks.length - 1);
    }
    expect(weekly).toBeGreaterThan(0);
    expect(weeks.at(-1)!.end).toBe(dashboard.asOf);
    // Drafts are no revenue: there are some (this month's, prepared at start), and none is counted.
    const [drafts] = await db.run("select count(*) as n from invoice where status = 'draft'");
    console.log(
      `${backend.name}: ${window.invoices} invoices, ${window.revenue} EUR net in 30 days; ${weekly} invoices in 8 weeks; ${num(drafts!.n)} drafts left out`,
    );
  });

  it('computes MRR as active partners × monthly price, per plan', async () => {
    const rows = await db.run(`select p.id, p.monthly_price_cents as price, count(pa.id) as partners
      from plan p left join partner pa on pa.plan_id = p.id and pa.suspended_at is null
      group by p.id, p.monthly_price_cents order by p.monthly_price_cents, p.id`);
    expect(
      dashboard.mrrByPlan.map((plan) => [plan.planId, plan.activePartners, Math.round(plan.mrr * 100)]),
    ).toEqual(rows.map((row) => [row.id, num(row.partners), num(row.partners) * num(row.price)]));
    const total = rows.reduce((sum, row) => sum + num(row.partners) * num(row.price), 0);
    expect(Math.round(dashboard.mrr * 100)).toBe(total);
    const [suspended] = await db.run('select count(*) as n from partner where suspended_at is not null');
    expect(num(suspended!.n)).toBeGreaterThan(0);
    console.log(`${backend.name}: MRR ${dashboard.mrr} EUR`);
  });

  it('ranks partners by billed requests and by revenue over the months shown', async () => {
    const { start, end } = dashboard.rankingSpan;
    const usage = await db.run(
      `select partner_id, sum(billed) as billed from usage_rollup
       where granularity = 'day' and subgraph = '*' and bucket >= ? and bucket < ?
       group by partner_id order by billed desc, partner_id limit 5`,
      [start, end],
    );
    expect(dashboard.topPartnersByUsage.map((row) => [row.partnerId, row.billedRequests])).toEqual(
      usage.map((row) => [row.partner_id, num(row.billed)]),
    );
    const revenue = await db.run(
      `select partner_id, sum(subtotal_cents) as cents from invoice
       where status in ('issued', 'paid') and currency = 'EUR' and issued_at >= ? and issued_at < ?
       group by partner_id having sum(subtotal_cents) > 0 order by cents desc, partner_id limit 5`,
      [start, end],
    );
    expect(
      dashboard.topPartnersByRevenue.map((row) => [row.partnerId, Math.round(row.revenue * 100)]),
    ).toEqual(revenue.map((row) => [row.partner_id, num(row.cents)]));
    expect(dashboard.topPartnersByRevenue.length).toBeGreaterThan(0);
  });

  it('lists the active partners past 80 % of their quota this month, the month flagged partial', async () => {
    const { start, end, partial } = dashboard.quotaMonth;
    expect(partial).toBe(true);
    expect(new Date(start).getUTCDate()).toBe(1);
    expect(dashboard.quotaWatchPercent).toBe(80);
    const rows = await db.run(
      `select pa.id, sum(u.billed) as billed, pl.monthly_quota as quota from usage_rollup u
       join partner pa on pa.id = u.partner_id join plan pl on pl.id = pa.plan_id
       where u.granularity = 'day' and u.subgraph = '*' and u.bucket >= ? and u.bucket < ?
         and pa.suspended_at is null
       group by pa.id, pl.monthly_quota having sum(u.billed) * 100.0 >= pl.monthly_quota * 80.0
       order by sum(u.billed) * 1.0 / pl.monthly_quota desc, pa.id`,
      [start, end],
    );
    expect(
      dashboard.partnersNearQuota.map((row) => [row.partnerId, row.billedRequests, row.monthlyQuota]),
    ).toEqual(rows.map((row) => [row.id, num(row.billed), num(row.quota)]));
    expect(rows.length).toBeGreaterThan(0);
    console.log(
      `${backend.name}: near quota ${dashboard.partnersNearQuota.map((row) => `${row.partnerId} ${Math.round(row.share * 100)} %`).join(', ')}`,
    );
  });

  it('counts partners won and lost per calendar month, the current one so far', async () => {
    const months = dashboard.partnerGrowth;
    expect(months).toHaveLength(7);
    for (const [index, month] of months.entries()) {
      expect(month.partial).toBe(index === months.length - 1);
      const [row] = await db.run(
        `select
           (select count(*) from partner where created_at >= ? and created_at < ?) as joined,
           (select count(*) from partner where suspended_at >= ? and suspended_at < ?) as churned,
           (select count(*) from partner where created_at < ? and (suspended_at is null or suspended_at >= ?)) as active`,
        [month.start, month.end, month.start, month.end, month.end, month.end],
      );
      expect([month.joined, month.churned, month.activeAtEnd]).toEqual([
        num(row!.joined),
        num(row!.churned),
        num(row!.active),
      ]);
    }
    expect(months.reduce((sum, month) => sum + month.churned, 0)).toBe(1);
  });

  it('refuses numbers out of range with a code naming the argument', async () => {
    for (const [argument, value, limit] of [
      ['weeks', 0, 104],
      ['weeks', -3, 104],
      ['months', 1_000_000, 36],
      ['top', 51, 50],
    ] as const) {
      const result = await billing.gql(
        `{ businessDashboard(${argument}: ${value}) { currency } }`,
        {},
        admin,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, limit });
    }
    const values = await billing.gql(
      '{ filterValues(field: "product.category", first: 0) { value } }',
      {},
      admin,
    );
    expect(values.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const huge = await billing.gql(
      '{ filterValues(field: "product.category", first: 2147483647) { value } }',
      {},
      admin,
    );
    expect(codeOf(huge)).toBe('BAD_USER_INPUT');
  });
});

describe('the question builder: values, case, CSV and saved questions', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let db: Database.Database;

  beforeAll(async () => {
    billing = await startBillingForTest({ env: { SEED: '7' } });
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    db = new Database(path.join(billing.dataDir, 'billing.sqlite'));
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    db?.close();
    await billing?.close();
  });

  it('offers the values of a text field with their order counts, and matches them whatever the case', async () => {
    const result = await billing.gql<{ filterValues: { value: string; orders: number }[] }>(
      '{ filterValues(field: "product.category") { value orders } }',
      {},
      admin,
    );
    const expected = db
      .prepare(
        `select p.category as value, count(*) as orders from shop_order o join shop_product p on p.id = o.product_id
         group by p.category order by orders desc, value`,
      )
      .all();
    expect(result.data?.filterValues).toEqual(expected);
    const widget = (expected as { value: string; orders: number }[]).find((row) => row.value === 'Widget')!;
    const count = async (values: string[], op = 'EQ') =>
      (
        await billing.gql<{ summarize: { rows: { value: number }[] } }>(
          'query($f: [FilterInput!]) { summarize(metric: COUNT, filter: $f) { rows { value } } }',
          { f: [{ field: 'product.category', op, values }] },
          admin,
        )
      ).data!.summarize.rows[0]!.value;
    expect(await count(['widget'])).toBe(widget.orders);
    expect(await count(['WIDGET'])).toBe(widget.orders);
    expect(await count(['wIdGeT', 'gizmo'], 'IN')).toBe(
      widget.orders +
        (expected as { value: string; orders: number }[]).find((row) => row.value === 'Gizmo')!.orders,
    );
    expect(await count(['no such category'])).toBe(0);
    const numeric = await billing.gql('{ filterValues(field: "order.total") { value } }', {}, admin);
    expect(numeric.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'field' });
  });

  it('exports an answer as CSV, with formula-like text made inert', async () => {
    const result = await billing.gql<{ summarizeCsv: string }>(
      `{ summarizeCsv(metric: SUM, field: "order.total", groupBy: [{ field: "product.category" }]) }`,
      {},
      admin,
    );
    const lines = result.data!.summarizeCsv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('product.category,SUM(order.total)');
    const sums = db
      .prepare(
        `select p.category as category, sum(o.total_cents) as cents from shop_order o
         join shop_product p on p.id = o.product_id group by p.category order by p.category`,
      )
      .all() as { category: string; cents: number }[];
    expect(lines.slice(1).map((line) => line.split(','))).toEqual(
      sums.map((row) => [row.category, String(row.cents / 100)]),
    );
    // A customer whose name reads as a formula.
    db.prepare(
      'update shop_person set name = \'=HYPERLINK("http://x","y")\' where id = (select min(person_id) from shop_order)',
    ).run();
    const hostile = await billing.gql<{ summarizeCsv: string }>(
      `{ summarizeCsv(metric: COUNT, groupBy: [{ field: "customer.name" }], filter: [{ field: "customer.name", op: EQ, values: ["=hyperlink(\\"http://x\\",\\"y\\")"] }]) }`,
      {},
      admin,
    );
    expect(hostile.errors).toBeUndefined();
    expect(hostile.data!.summarizeCsv.split('\r\n')[1]).toMatch(
      /^"'=HYPERLINK\(""http:\/\/x"",""y""\)",\d+$/,
    );
  });

  it('saves, lists, shares and deletes questions, per admin; refuses bad names and everyone else', async () => {
    const SAVE = `mutation($input: SaveQuestionInput!) { saveQuestion(input: $input) { id name shared mine metric field groupBy { field bucket } filter { field op values } } }`;
    const input = {
      name: '  Widget revenue by month  ',
      metric: 'SUM',
      field: 'order.total',
      groupBy: [{ field: 'order.createdAt', bucket: 'MONTH' }],
      filter: [{ field: 'product.category', op: 'EQ', values: ['Widget'] }],
    };
    const saved = await billing.gql<{ saveQuestion: { id: string; name: string } }>(SAVE, { input }, admin);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveQuestion).toMatchObject({
      name: 'Widget revenue by month',
      shared: false,
      mine: true,
      metric: 'SUM',
      groupBy: [{ field: 'order.createdAt', bucket: 'MONTH' }],
      filter: [{ field: 'product.category', op: 'EQ', values: ['Widget'] }],
    });
    const list = await billing.gql<{ savedQuestions: { id: string }[] }>(
      '{ savedQuestions { id name } }',
      {},
      admin,
    );
    expect(list.data!.savedQuestions.map((row) => row.id)).toEqual([saved.data!.saveQuestion.id]);

    for (const name of ['', '   ', 'x'.repeat(81), 'tab\there']) {
      const refused = await billing.gql(SAVE, { input: { ...input, name } }, admin);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'input.name',
      });
    }
    const badQuestion = await billing.gql(SAVE, { input: { ...input, field: 'customer.email' } }, admin);
    expect(codeOf(badQuestion)).toBe('BAD_USER_INPUT');

    // A partner's developer and an anonymous caller see none of it.
    const partner = billing.asGateway({
      partnerId: 'par_0001',
      keyId: 'key_caller',
      role: 'developer',
      scopes: ['billing:read'],
    });
    expect(codeOf(await billing.gql('{ savedQuestions { id } }', {}, partner))).toBe('FORBIDDEN');
    expect(codeOf(await billing.gql(SAVE, { input }, partner))).toBe('FORBIDDEN');
    expect(codeOf(await billing.gql('{ savedQuestions { id } }'))).toBe('UNAUTHENTICATED');
    const deleteIt = `mutation($id: ID!) { deleteSavedQuestion(id: $id) }`;
    expect(codeOf(await billing.gql(deleteIt, { id: saved.data!.saveQuestion.id }, partner))).toBe(
      'FORBIDDEN',
    );

    const removed = await billing.gql<{ deleteSavedQuestion: boolean }>(
      deleteIt,
      { id: saved.data!.saveQuestion.id },
      admin,
    );
    expect(removed.data?.deleteSavedQuestion).toBe(true);
    const again = await billing.gql<{ deleteSavedQuestion: boolean }>(
      deleteIt,
      { id: saved.data!.saveQuestion.id },
      admin,
    );
    expect(again.data?.deleteSavedQuestion).toBe(false);
    const [left] = db.prepare('select count(*) as n from saved_question').all() as { n: number }[];
    expect(left!.n).toBe(0);
  });
});
