/**
 * Invoices a finance team accepts, over real HTTP: a month is issued only once ended (or with a reason that
 * stays on the invoice); numbers are given at issue, sequential per year with no gap and no duplicate even
 * when twenty are issued at once (on SQLite, and on PostgreSQL when `DATABASE_URL` is set); the due date
 * follows the payment terms; the buyer is the billing profile as it was at issue; payments add up to paid;
 * overdue is computed; and the PDF says what the HTML page says.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pdfText } from '../support/pdf-text';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  startBillingForTest,
  STARTUP_TIMEOUT_MS,
  type BillingUnderTest,
} from './service';

const TERMS_DAYS = 14;
const PAST_MONTH = '2026-01';
const DAY_MS = 86_400_000;

const currentMonth = () => new Date().toISOString().slice(0, 7);
const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

const PROFILE = {
  name: 'Ledger & Sons Ltd',
  addressLines: ['12 Counting House Lane', 'Leeds LS1 4AP'],
  country: 'GB',
  vatId: 'GB 987 6543 21',
  email: 'accounts@ledger.example',
};

const INVOICE_FIELDS = `id number status period issuedAt dueOn totalCents amountPaidCents amountDueCents overdue
  seller { name vatId } buyer { name addressLines country vatId email }
  payments { amountCents paidOn reference } issueOverride { reason by at }`;

interface InvoiceData {
  id: string;
  number: string | null;
  status: string;
  period: string;
  issuedAt: string | null;
  dueOn: string | null;
  totalCents: number;
  amountPaidCents: number;
  amountDueCents: number;
  overdue: boolean;
  seller: { name: string; vatId: string | null };
  buyer: { name: string; addressLines: string[]; country: string; vatId: string | null; email: string };
  payments: { amountCents: number; paidOn: string; reference: string }[];
  issueOverride: { reason: string; by: string | null; at: string } | null;
}

/** The admin's way around one billing service: partners, profiles, drafts, issues, payments. */
function adminOf(billing: BillingUnderTest, admin: Record<string, string>) {
  const must = async <Data>(query: string, variables: Record<string, unknown>) => {
    const result = await billing.gql<Data>(query, variables, admin);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  return {
    async partner(name: string, profile: Record<string, unknown> | null = PROFILE): Promise<string> {
      const { createPartner } = await must<{ createPartner: { id: string } }>(
        'mutation($n: String!) { createPartner(name: $n, planId: "plan_pro") { id } }',
        { n: `${name} ${randomBytes(3).toString('hex')}` },
      );
      if (profile) {
        await must(
          'mutation($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { partnerId } }',
          { p: createPartner.id, i: profile },
        );
      }
      return createPartner.id;
    },
    async draft(partnerId: string, period = PAST_MONTH): Promise<string> {
      const { generateInvoice } = await must<{ generateInvoice: { id: string } }>(
        'mutation($p: ID!, $m: String!) { generateInvoice(partnerId: $p, period: $m) { id } }',
        { p: partnerId, m: period },
      );
      return generateInvoice.id;
    },
    issue: (id: string, overrideReason?: string) =>
      billing.gql<{ issueInvoice: InvoiceData }>(
        `mutation($id: ID!, $r: String) { issueInvoice(id: $id, overrideReason: $r) { ${INVOICE_FIELDS} } }`,
        { id, r: overrideReason },
        admin,
      ),
    pay: (id: string, amountCents: number, paidOn = today(), reference = 'TRF-1') =>
      billing.gql<{ recordPayment: InvoiceData }>(
        `mutation($id: ID!, $a: Int!, $d: String!, $r: String!) {
          recordPayment(invoiceId: $id, amountCents: $a, paidOn: $d, reference: $r) { ${INVOICE_FIELDS} } }`,
        { id, a: amountCents, d: paidOn, r: reference },
        admin,
      ),
    async invoice(id: string, headers = admin): Promise<InvoiceData & { html: string; pdf: string }> {
      const result = await billing.gql<{ invoice: InvoiceData & { html: string; pdf: string } }>(
        `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} html pdf } }`,
        { id },
        headers,
      );
      if (!result.data?.invoice) throw new Error(`invoice ${id}: ${JSON.stringify(result.errors)}`);
      return result.data.invoice;
    },
    /** The partner's audit log, newest first: what was done, to what, and why. */
    async audit(partnerId: string) {
      const { partner } = await must<{
        partner: {
          auditLog: { action: string; actor: string; subject: string | null; reason: string | null }[];
        };
      }>('query($p: ID!) { partner(id: $p) { auditLog { action actor subject reason } } }', { p: partnerId });
      return partner.auditLog;
    },
    /** Every number given so far in `year`, in sequence order. */
    async numbers(year: number): Promise<number[]> {
      const seen: number[] = [];
      for (const status of ['ISSUED', 'PAID']) {
        const { invoices } = await must<{ invoices: { number: string | null }[] }>(
          'query($s: InvoiceStatus) { invoices(status: $s) { number } }',
          { s: status },
        );
        for (const { number } of invoices) {
          const match = new RegExp(`^MER-${year}-(\\d{4,})$`).exec(number ?? '');
          if (match) seen.push(Number(match[1]));
        }
      }
      return seen.sort((a, b) => a - b);
    },
  };
}

/** Twenty drafts issued at the same moment: each gets its own number, and the year's numbers run 1…n. */
async function issueTwentyAtOnce(billing: BillingUnderTest, admin: Record<string, string>): Promise<void> {
  const api = adminOf(billing, admin);
  const drafts: string[] = [];
  for (let i = 0; i < 20; i += 1) drafts.push(await api.draft(await api.partner(`Concurrent ${i}`)));
  const issued = await Promise.all(drafts.map((id) => api.issue(id)));
  const numbers = issued.map((result) => {
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.issueInvoice.number!;
  });
  expect(new Set(numbers).size).toBe(20);
  const year = new Date().getUTCFullYear();
  for (const number of numbers) expect(number).toMatch(new RegExp(`^MER-${year}-\\d{4}$`));
  const all = await api.numbers(year);
  expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  // Issuing one again gives no second number.
  expect(codeOf(await api.issue(drafts[0]!))).toBe('BAD_USER_INPUT');
  expect(await api.numbers(year)).toEqual(all);
}

describe('invoices a finance team accepts', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let api: ReturnType<typeof adminOf>;

  beforeAll(async () => {
    billing = await startBillingForTest({ env: { PAYMENT_TERMS_DAYS: String(TERMS_DAYS) } });
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    api = adminOf(billing, admin);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  it('refuses to issue the current month without a reason, and keeps the reason given', async () => {
    const partnerId = await api.partner('Early Leaver');
    const draft = await api.draft(partnerId, currentMonth());
    const refused = await api.issue(draft);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'PERIOD_NOT_ENDED',
      argument: 'overrideReason',
    });
    expect(codeOf(await api.issue(draft, '   '))).toBe('PERIOD_NOT_ENDED');
    expect(codeOf(await api.issue(draft, 'x'.repeat(501)))).toBe('BAD_USER_INPUT');
    expect((await api.invoice(draft)).status).toBe('DRAFT');

    const issued = (await api.issue(draft, 'Partner leaves on the 5th; final invoice agreed')).data!
      .issueInvoice;
    expect(issued).toMatchObject({
      status: 'ISSUED',
      period: currentMonth(),
      issueOverride: { reason: 'Partner leaves on the 5th; final invoice agreed', by: 'Meridian admin' },
    });
    expect(Date.now() - Date.parse(issued.issueOverride!.at)).toBeLessThan(60_000);
    // The business team's audit log of the partner says who issued it early, and why.
    expect((await api.audit(partnerId)).find((event) => event.action === 'invoice.issued')).toEqual({
      action: 'invoice.issued',
      actor: 'admin@meridian.example',
      subject: issued.number,
      reason: 'Partner leaves on the 5th; final invoice agreed',
    });
    // A future month is refused the same way.
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 1);
    const future = await api.draft(partnerId, next.toISOString().slice(0, 7));
    expect(codeOf(await api.issue(future))).toBe('PERIOD_NOT_ENDED');
  });

  it('refuses to issue for a partner without a billing profile', async () => {
    const draft = await api.draft(await api.partner('No Address', null));
    expect(codeOf(await api.issue(draft))).toBe('BILLING_PROFILE_MISSING');
    expect((await api.invoice(draft)).number).toBeNull();
  });

  it('numbers at issue, not at draft: sequential per year, unique and gap-free under 20 issues at once', async () => {
    const draft = await api.invoice(await api.draft(await api.partner('Drafted Only')));
    expect(draft.number).toBeNull();
    await issueTwentyAtOnce(billing, admin);
  });

  it('dates the due day from the issue day and the payment terms', async () => {
    const issued = (await api.issue(await api.draft(await api.partner('Termed')))).data!.issueInvoice;
    const issuedOn = issued.issuedAt!.slice(0, 10);
    expect(issuedOn).toBe(today());
    expect(issued.dueOn).toBe(plusDays(issuedOn, TERMS_DAYS));
    expect(issued.overdue).toBe(false);
  });

  it('keeps the buyer of an issued invoice when the profile changes; a draft shows the new one', async () => {
    const partnerId = await api.partner('Snapshot');
    const issuedId = await api.draft(partnerId);
    await api.issue(issuedId);
    const draftId = await api.draft(partnerId, '2026-02');
    const before = await api.invoice(issuedId);
    expect(before.buyer).toEqual({ ...PROFILE, vatId: 'GB987654321' });
    const changed = await billing.gql(
      'mutation($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { vatId } }',
      { p: partnerId, i: { ...PROFILE, name: 'Ledger Holdings plc', vatId: 'GB111222333' } },
      admin,
    );
    expect(changed.data).toEqual({ setBillingProfile: { vatId: 'GB111222333' } });
    const after = await api.invoice(issuedId);
    expect(after.buyer).toEqual(before.buyer);
    expect(after.html).toBe(before.html);
    expect(after.html).toContain('VAT id GB987654321');
    expect((await api.invoice(draftId)).buyer).toMatchObject({
      name: 'Ledger Holdings plc',
      vatId: 'GB111222333',
    });
  });

  it('refuses a billing profile that is wrong, naming the field', async () => {
    const partnerId = await api.partner('Validated');
    for (const [field, value] of [
      ['country', 'United Kingdom'],
      ['vatId', '0113 496 0000'],
      ['email', 'accounts'],
      ['name', ''],
    ] as const) {
      const result = await billing.gql(
        'mutation($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { partnerId } }',
        { p: partnerId, i: { ...PROFILE, [field]: value } },
        admin,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: `input.${field}`,
      });
    }
  });

  it('takes partial payments until paid, and refuses too much, nothing, less than nothing or a future day', async () => {
    const partnerId = await api.partner('Instalments');
    const id = await api.draft(partnerId);
    const { totalCents } = (await api.issue(id)).data!.issueInvoice;
    expect(totalCents).toBeGreaterThan(100);
    const part = Math.floor(totalCents / 3);
    for (const [amount, paidOn] of [
      [0, today()],
      [-500, today()],
      [totalCents + 1, today()],
      [part, plusDays(today(), 1)],
      [part, '2026-02-30'],
    ] as const) {
      expect(codeOf(await api.pay(id, amount, paidOn))).toBe('BAD_USER_INPUT');
    }
    // Beyond a 32-bit integer the request does not even validate.
    expect((await api.pay(id, 2 ** 31)).errors?.length).toBeGreaterThan(0);
    expect(codeOf(await api.pay(id, part, today(), ' '))).toBe('BAD_USER_INPUT');

    const first = (await api.pay(id, part, '2026-02-10', 'BACS 0001')).data!.recordPayment;
    expect(first).toMatchObject({
      status: 'ISSUED',
      amountPaidCents: part,
      amountDueCents: totalCents - part,
    });
    expect(codeOf(await api.pay(id, totalCents - part + 1))).toBe('BAD_USER_INPUT');
    const second = (await api.pay(id, totalCents - part, '2026-02-20', 'BACS 0002')).data!.recordPayment;
    expect(second).toMatchObject({ status: 'PAID', amountPaidCents: totalCents, amountDueCents: 0 });
    expect(second.payments).toEqual([
      { amountCents: part, paidOn: '2026-02-10', reference: 'BACS 0001' },
      { amountCents: totalCents - part, paidOn: '2026-02-20', reference: 'BACS 0002' },
    ]);
    expect(codeOf(await api.pay(id, 1))).toBe('BAD_USER_INPUT');
    // Each payment taken, and only those, is in the partner's audit log.
    const payments = (await api.audit(partnerId)).filter(
      (event) => event.action === 'invoice.payment-recorded',
    );
    expect(payments.map((event) => event.subject)).toEqual([second.number, second.number]);
  });

  it('records the whole amount due with the older markInvoicePaid', async () => {
    const id = await api.draft(await api.partner('Marked'));
    await api.issue(id);
    const marked = await billing.gql<{ markInvoicePaid: { status: string; amountDueCents: number } }>(
      'mutation($id: ID!) { markInvoicePaid(id: $id) { status amountDueCents } }',
      { id },
      admin,
    );
    expect(marked.data).toEqual({ markInvoicePaid: { status: 'PAID', amountDueCents: 0 } });
  });

  it('calls an issued invoice overdue once its due date has passed, and never once paid', async () => {
    const id = await api.draft(await api.partner('Late Payer'));
    await api.issue(id);
    expect((await api.invoice(id)).overdue).toBe(false);
    // Ten weeks on: the due date, not the clock, is moved back.
    const db = new Database(path.join(billing.dataDir, 'billing.sqlite'));
    db.prepare('update invoice set due_on = ? where id = ?').run(plusDays(today(), -1), id);
    db.close();
    const late = await api.invoice(id);
    expect(late.overdue).toBe(true);
    expect(late.html).toContain('<th>Status</th><td>overdue</td>');
    const paid = (await api.pay(id, late.totalCents)).data!.recordPayment;
    expect(paid).toMatchObject({ status: 'PAID', overdue: false });
  });

  it('renders a PDF that says what the HTML page says', async () => {
    const id = await api.draft(await api.partner('Printed'));
    const issued = (await api.issue(id)).data!.issueInvoice;
    await api.pay(id, 1000, today(), 'SEPA-42');
    const invoice = await api.invoice(id);
    const pdf = Buffer.from(invoice.pdf, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    const euros = (cents: number) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    const shared = [
      `Invoice ${issued.number}`,
      'Meridian Data Ltd',
      'VAT id GB123456789',
      'VAT id GB987654321',
      PROFILE.name,
      '12 Counting House Lane',
      issued.dueOn!,
      today(),
      euros(invoice.totalCents),
      euros(invoice.amountDueCents),
      'SEPA-42',
    ];
    for (const fact of shared) {
      expect(text).toContain(fact);
      expect(invoice.html).toContain(fact.replace('&', '&amp;'));
    }
    // A draft has no number and says DRAFT.
    const draft = await api.invoice(await api.draft(await api.partner('Unissued')));
    const draftText = await pdfText(Buffer.from(draft.pdf, 'base64'));
    expect(draftText).toContain('DRAFT');
    expect(draftText).not.toMatch(/MER-\d{4}-/);
  });

  it("shows a partner its own invoices' PDFs and profile, and nothing of another partner", async () => {
    const ownId = await api.partner('Own Partner');
    const otherId = await api.partner('Other Partner');
    const ownInvoice = await api.draft(ownId);
    await api.issue(ownInvoice, undefined);
    const otherInvoice = await api.draft(otherId);
    await api.issue(otherInvoice);
    const withDeveloper = async (partnerId: string, email: string) => {
      const invitation = await billing.gql<{ inviteUser: { token: string } }>(
        'mutation($p: ID, $e: String!) { inviteUser(email: $e, role: DEVELOPER, partnerId: $p) { token } }',
        { p: partnerId, e: email },
        admin,
      );
      await billing.gql(
        'mutation($t: String!) { acceptInvitation(token: $t, name: "Dev", password: "Invoice-Reader-2026") { accessToken } }',
        { t: invitation.data!.inviteUser.token },
      );
      return billing.signIn(email, 'Invoice-Reader-2026');
    };
    const own = await withDeveloper(ownId, `own-${randomBytes(3).toString('hex')}@partner.example`);
    expect((await api.invoice(ownInvoice, own)).pdf.length).toBeGreaterThan(1000);
    const peek = await billing.gql<{ mine: { id: string } | null; theirs: { pdf: string } | null }>(
      'query($a: ID!, $b: ID!) { mine: invoice(id: $a) { id } theirs: invoice(id: $b) { pdf } }',
      { a: ownInvoice, b: otherInvoice },
      own,
    );
    expect(peek.data).toEqual({ mine: { id: ownInvoice }, theirs: null });
    // The override reason is the business team's note: a partner sees null.
    expect((await api.invoice(ownInvoice, own)).issueOverride).toBeNull();
    expect(
      codeOf(
        await billing.gql('query($p: ID) { billingProfile(partnerId: $p) { name } }', { p: otherId }, own),
      ),
    ).toBe('FORBIDDEN');
    const mine = await billing.gql<{ billingProfile: { name: string } }>(
      '{ billingProfile { name } }',
      {},
      own,
    );
    expect(mine.data?.billingProfile.name).toBe(PROFILE.name);
    // Its people may correct its own profile, not another's; payments are for admins only.
    const set = (p: string | null) =>
      billing.gql(
        'mutation($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { name } }',
        { p, i: { ...PROFILE, name: 'Own Partner Ltd' } },
        own,
      );
    expect((await set(null)).data).toEqual({ setBillingProfile: { name: 'Own Partner Ltd' } });
    expect(codeOf(await set(otherId))).toBe('FORBIDDEN');
    const paid = await billing.gql(
      'mutation($id: ID!) { recordPayment(invoiceId: $id, amountCents: 1, paidOn: "2026-01-31", reference: "x") { id } }',
      { id: ownInvoice },
      own,
    );
    expect(codeOf(paid)).toBe('FORBIDDEN');
  });
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL is not set: skipping the invoice numbering test on PostgreSQL');
const withPostgres = databaseUrl ? describe : describe.skip;

withPostgres('invoice numbers on PostgreSQL', () => {
  const prefix = `test_${randomBytes(4).toString('hex')}_`;
  let billing: BillingUnderTest;

  beforeAll(async () => {
    billing = await startBillingForTest({
      env: { DATABASE_URL: databaseUrl!, DATABASE_SCHEMA_PREFIX: prefix },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await billing?.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${prefix}billing" cascade`);
    await client.end();
  });

  it('are unique and gap-free under 20 issues at once', async () => {
    await issueTwentyAtOnce(billing, await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
  });
});
