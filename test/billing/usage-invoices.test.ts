/**
 * Metering to money over real HTTP: the gateway's usage batches (idempotent, a malformed event refused on its
 * own), rollups and quota as charts read them, and the monthly invoice with overage, tax, status and its HTML
 * page.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { previousMonth } from '@meridian/billing';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  startBillingForTest,
  type BillingUnderTest,
  STARTUP_TIMEOUT_MS,
} from './service';
import { BILLING_ROUTES } from '@meridian/contracts';

const MONTH = '2026-02';

function events(count: number, options: { from?: number; partnerId: string; keyId?: string; day?: number }) {
  return Array.from({ length: count }, (_, i) => ({
    id: `evt_${options.partnerId}_${(options.from ?? 0) + i}`,
    occurredAt: new Date(Date.UTC(2026, 1, options.day ?? 10, i % 24, 30)).toISOString(),
    partnerId: options.partnerId,
    keyId: options.keyId ?? (i % 2 === 0 ? 'key_a' : 'key_b'),
    operation: i % 3 === 0 ? 'Fleet' : 'LiveMatch',
    subgraphs: i % 3 === 0 ? ['telemetry', 'billing'] : ['matches'],
    cost: 10,
    durationMs: 20,
    outcome: i % 10 === 0 ? 'error' : 'ok',
    bytes: 1000,
    subscriptionMessages: 0,
  }));
}

describe('usage and invoices', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let developer: Record<string, string>;
  let partnerId: string;

  beforeAll(async () => {
    billing = await startBillingForTest();
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const plan = await billing.gql<{ createPlan: { id: string } }>(
      `mutation { createPlan(input: { name: "Tiny", monthlyPriceCents: 1000, requestsPerMinute: 10,
        costPointsPerMinute: 100, monthlyQuota: 100, concurrentSubscriptions: 1,
        allowedScopes: ["matches:read"], overageCentsPerThousand: 250 }) { id } }`,
      {},
      admin,
    );
    const partner = await billing.gql<{ createPartner: { id: string } }>(
      'mutation($plan: ID!) { createPartner(name: "Metered Ltd", planId: $plan) { id } }',
      { plan: plan.data!.createPlan.id },
      admin,
    );
    partnerId = partner.data!.createPartner.id;
    await billing.gql(
      'mutation($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { partnerId } }',
      {
        p: partnerId,
        i: {
          name: 'Metered Ltd',
          addressLines: ['3 Meter Row', 'Bristol BS1 5TR'],
          country: 'GB',
          vatId: 'GB555666777',
          email: 'billing@metered.example',
        },
      },
      admin,
    );
    const invitation = await billing.gql<{ inviteUser: { token: string } }>(
      'mutation($p: ID) { inviteUser(email: "dev@metered.example", role: DEVELOPER, partnerId: $p) { token } }',
      { p: partnerId },
      admin,
    );
    await billing.gql(
      'mutation($t: String!) { acceptInvitation(token: $t, name: "Dev", password: "Meter-Reader-2026") { accessToken } }',
      { t: invitation.data!.inviteUser.token },
    );
    developer = await billing.signIn('dev@metered.example', 'Meter-Reader-2026');
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  const quota = () =>
    billing.gql<{ quota: { used: number; remaining: number; limit: number } }>(
      'query($p: ID) { quota(partnerId: $p, at: "2026-02-15T00:00:00Z") { used remaining limit } }',
      { p: partnerId },
      admin,
    );

  it('takes a batch once, however often the gateway retries it', async () => {
    const batch = events(60, { partnerId });
    expect(await billing.internal(BILLING_ROUTES.usage, { events: batch })).toEqual({
      status: 200,
      body: { accepted: 60, duplicates: 0, rejected: [] },
    });
    const retried = await billing.internal(BILLING_ROUTES.usage, {
      events: [...batch, ...events(2, { partnerId, from: 60 })],
    });
    expect(retried.body).toEqual({ accepted: 2, duplicates: 60, rejected: [] });
    expect((await quota()).data?.quota).toEqual({ used: 62, remaining: 38, limit: 100 });
  });

  it('records every valid event of a batch, whoever it bills, and names each malformed one', async () => {
    // March, so that February's figures below stay those of the batches above.
    const inMarch = (list: ReturnType<typeof events>) =>
      list.map((event) => ({ ...event, occurredAt: event.occurredAt.replace('2026-02-', '2026-03-') }));
    const ours = inMarch(events(4, { partnerId, from: 1000 }));
    const theirs = inMarch(events(4, { partnerId: 'par_0001', from: 1000 }));
    const marchUsed = async (p: string) =>
      (
        await billing.gql<{ quota: { used: number } }>(
          'query($p: ID) { quota(partnerId: $p, at: "2026-03-15T00:00:00Z") { used } }',
          { p },
          admin,
        )
      ).data!.quota.used;
    const theirsBefore = await marchUsed('par_0001');
    const batch = [
      ours[0],
      theirs[0],
      { ...ours[1]!, cost: -5 },
      ours[2],
      theirs[1],
      { ...theirs[2]!, durationMs: 1e12 },
      { ...ours[3]!, bytes: 2 ** 40 },
      theirs[3],
      { ...theirs[3]!, id: '' },
      'not an event',
    ];
    const refused = [
      { index: 2, id: ours[1]!.id, field: 'cost', reason: expect.any(String) },
      { index: 5, id: theirs[2]!.id, field: 'durationMs', reason: expect.any(String) },
      { index: 6, id: ours[3]!.id, field: 'bytes', reason: expect.any(String) },
      { index: 8, id: null, field: 'id', reason: expect.any(String) },
      { index: 9, id: null, field: null, reason: expect.any(String) },
    ];
    expect(await billing.internal(BILLING_ROUTES.usage, { events: batch })).toEqual({
      status: 200,
      body: { accepted: 5, duplicates: 0, rejected: refused },
    });
    expect(await marchUsed(partnerId)).toBe(2);
    expect(await marchUsed('par_0001')).toBe(theirsBefore + 3);

    // Sent again (the gateway retrying), the valid events count once and the same ones are refused.
    expect((await billing.internal(BILLING_ROUTES.usage, { events: batch })).body).toEqual({
      accepted: 0,
      duplicates: 5,
      rejected: refused,
    });
    expect(await marchUsed(partnerId)).toBe(2);
    expect((await quota()).data?.quota.used).toBe(62);
  });

  it('refuses a body that is not a batch whole, and a caller without the service token', async () => {
    for (const body of [{ events: 'none' }, { batch: [] }, []]) {
      const refused = await billing.internal(BILLING_ROUTES.usage, body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'events' } }],
      });
    }
    const batch = events(1, { partnerId, from: 2000 });
    expect((await billing.internal(BILLING_ROUTES.usage, { events: batch }, 'not-the-token')).status).toBe(
      401,
    );
    expect((await quota()).data?.quota.used).toBe(62);
  });

  it('answers chart queries per hour and day, split by key, subgraph or operation', async () => {
    const query = `query($p: ID, $g: UsageGranularity, $by: UsageGrouping) {
      usage(partnerId: $p, from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", granularity: $g, groupBy: $by) {
        group points { bucket requests errors cost meanDurationMs bytes }
      } }`;
    type Series = {
      usage: {
        group: string;
        points: { bucket: string; requests: number; errors: number; cost: number }[];
      }[];
    };
    const total = await billing.gql<Series>(query, { p: partnerId }, admin);
    expect(total.data?.usage).toEqual([
      {
        group: '*',
        points: [
          {
            bucket: '2026-02-10T00:00:00.000Z',
            requests: 62,
            errors: 7,
            cost: 620,
            meanDurationMs: 20,
            bytes: 62_000,
          },
        ],
      },
    ]);
    const bySubgraph = await billing.gql<Series>(query, { p: partnerId, by: 'SUBGRAPH' }, admin);
    const perSubgraph = Object.fromEntries(
      bySubgraph.data!.usage.map((s) => [s.group, s.points[0]!.requests]),
    );
    // Events 0, 3, 6, … touch telemetry and billing; the others matches.
    expect(perSubgraph).toEqual({ billing: 21, telemetry: 21, matches: 41 });
    const byKeyHourly = await billing.gql<Series>(query, { p: partnerId, by: 'KEY', g: 'HOUR' }, admin);
    expect(byKeyHourly.data!.usage.map((s) => s.group)).toEqual(['key_a', 'key_b']);
    // key_a made the even-numbered events, which fall in the even hours.
    const keyA = byKeyHourly.data!.usage[0]!.points;
    expect(keyA).toHaveLength(12);
    expect(keyA.every((p) => new Date(p.bucket).getUTCHours() % 2 === 0)).toBe(true);
    expect(byKeyHourly.data!.usage.flatMap((s) => s.points).reduce((sum, p) => sum + p.requests, 0)).toBe(62);
    const tooLong = await billing.gql(
      'query($p: ID) { usage(partnerId: $p, from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { group } }',
      { p: partnerId },
      admin,
    );
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'to',
      limit: 366,
    });
  });

  it('invoices the month from the plan and the overage, with tax, and moves draft → issued → paid', async () => {
    // 62 + 2,440 = 2,502 operations: 2,402 beyond the quota of 100 → three started thousands at €2.50.
    await billing.internal(BILLING_ROUTES.usage, {
      events: events(2440, { partnerId, from: 5000, day: 20 }),
    });
    type InvoiceData = {
      id: string;
      status: string;
      subtotalCents: number;
      taxCents: number;
      totalCents: number;
      lines: { quantity: number; unitPriceCents: number; amountCents: number }[];
    };
    const generate = () =>
      billing.gql<{ generateInvoice: InvoiceData }>(
        'mutation($p: ID!, $m: String!) { generateInvoice(partnerId: $p, period: $m) { id status subtotalCents taxCents totalCents lines { quantity unitPriceCents amountCents } } }',
        { p: partnerId, m: MONTH },
        admin,
      );
    const draft = (await generate()).data!.generateInvoice;
    expect(draft).toMatchObject({ status: 'DRAFT', subtotalCents: 1750, taxCents: 350, totalCents: 2100 });
    expect(draft.lines).toEqual([
      { quantity: 1, unitPriceCents: 1000, amountCents: 1000 },
      { quantity: 3, unitPriceCents: 250, amountCents: 750 },
    ]);
    // Recomputing a draft replaces it rather than adding a second invoice for the month.
    expect((await generate()).data!.generateInvoice.id).toBe(draft.id);

    const step = (mutation: string) =>
      billing.gql<Record<string, { status: string }>>(
        `mutation($id: ID!) { ${mutation}(id: $id) { status } }`,
        { id: draft.id },
        admin,
      );
    expect(codeOf(await step('markInvoicePaid'))).toBe('BAD_USER_INPUT');
    // The partner's own developers see it once it is issued, not as a draft.
    const seenByPartner = async () => {
      const list = await billing.gql<{ invoices: { id: string }[] }>('{ invoices { id } }', {}, developer);
      const one = await billing.gql<{ invoice: { id: string } | null }>(
        'query($id: ID!) { invoice(id: $id) { id } }',
        { id: draft.id },
        developer,
      );
      return [list.data?.invoices, one.data?.invoice];
    };
    expect(await seenByPartner()).toEqual([[], null]);
    expect((await step('issueInvoice')).data).toEqual({ issueInvoice: { status: 'ISSUED' } });
    expect(await seenByPartner()).toEqual([[{ id: draft.id }], { id: draft.id }]);
    expect(codeOf(await step('issueInvoice'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await generate())).toBe('BAD_USER_INPUT');
    expect((await step('markInvoicePaid')).data).toEqual({ markInvoicePaid: { status: 'PAID' } });

    const html = await billing.gql<{ invoice: { html: string } }>(
      'query($id: ID!) { invoice(id: $id) { html } }',
      { id: draft.id },
      admin,
    );
    const page = html.data!.invoice.html;
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('Metered Ltd');
    expect(page).toContain('<th>Status</th><td>paid</td>');
    expect(page).toContain('VAT id GB555666777');
    expect(page).toContain('€21.00');
    expect(page).toContain('2,402 operations beyond the quota');
  });

  it('prepares the month just ended for the demo partners by itself, as drafts only admins see', async () => {
    const lastMonth = previousMonth(new Date());
    const { data } = await billing.gql<{ partners: { id: string; createdAt: string }[] }>(
      '{ partners { id createdAt } }',
      {},
      admin,
    );
    const existed = data!.partners.filter((p) => p.createdAt < `${lastMonth}-01`);
    expect(existed.length).toBeGreaterThan(0);
    // Billing checks at start; give that check a moment to finish.
    const drafts = async () => {
      const result = await billing.gql<{ invoices: { period: string; status: string }[] }>(
        'query($p: ID) { invoices(partnerId: $p) { period status } }',
        { p: existed[0]!.id },
        admin,
      );
      return result.data!.invoices;
    };
    const started = Date.now();
    while ((await drafts()).length === 0 && Date.now() - started < 5_000) await sleep(100);
    expect(await drafts()).toEqual([{ period: lastMonth, status: 'DRAFT' }]);
  });

  it("lists every partner's invoices in a status or of a month to admins, and a partner only its own", async () => {
    type Listed = { invoices: { period: string; status: string; partner: { id: string } }[] };
    const list = (variables: Record<string, unknown>, headers = admin) =>
      billing.gql<Listed>(
        'query($p: ID, $s: InvoiceStatus, $m: String) { invoices(partnerId: $p, status: $s, period: $m) { period status partner { id } } }',
        variables,
        headers,
      );
    const drafts = (await list({ s: 'DRAFT' })).data!.invoices;
    expect(drafts.length).toBeGreaterThan(1);
    expect(new Set(drafts.map((invoice) => invoice.status))).toEqual(new Set(['DRAFT']));
    expect(new Set(drafts.map((invoice) => invoice.partner.id)).size).toBe(drafts.length);
    // This test's partner has its paid February invoice, found by month across partners.
    const february = (await list({ m: MONTH })).data!.invoices;
    expect(february).toEqual([{ period: MONTH, status: 'PAID', partner: { id: partnerId } }]);
    expect((await list({ s: 'PAID', p: partnerId })).data!.invoices).toEqual(february);
    expect((await list({ s: 'DRAFT', p: partnerId })).data!.invoices).toEqual([]);

    expect((await list({})).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'partnerId',
    });
    expect((await list({ m: '2026-2' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'period',
    });
    // A partner's developer gets only its own, whatever the filter.
    expect((await list({ m: MONTH }, developer)).data!.invoices).toEqual(february);
    expect((await list({ s: 'DRAFT' }, developer)).data!.invoices).toEqual([]);
  });

  it('refuses a period that is not a month', async () => {
    const result = await billing.gql(
      'mutation($p: ID!) { generateInvoice(partnerId: $p, period: "2026-13") { id } }',
      { p: partnerId },
      admin,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'period' });
  });
});
