import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedIfEmpty } from '../seed';
import { openBillingStore, type BillingStore } from '../store';
import { computeInvoice } from './compute';
import { prepareLastMonthDrafts, previousMonth } from './drafts';

const TAX = 2000;

describe("last month's invoice drafts", () => {
  let dir: string;
  let store: BillingStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-drafts-'));
    const opened = await openBillingStore({
      location: { dialect: 'sqlite', file: path.join(dir, 'billing.sqlite') },
      seedIfEmpty: (fresh) =>
        seedIfEmpty(fresh, { seed: 1, adminEmail: 'admin@example.com', adminPassword: undefined }),
    });
    store = opened.store;
    close = () => store.close();
    const tiny = {
      id: 'plan_tiny',
      name: 'Tiny',
      monthlyPriceCents: 1_000,
      requestsPerMinute: 10,
      costPointsPerMinute: 100,
      monthlyQuota: 1_000,
      concurrentSubscriptions: 1,
      allowedScopes: ['matches:read'],
      overageCentsPerThousand: 250,
    };
    await store.createPlan(tiny);
    const partner = (id: string, createdAt: string) =>
      store.createPartner({
        id,
        name: id,
        customerId: null,
        planId: tiny.id,
        createdAt: new Date(createdAt),
        suspendedAt: null,
      });
    await partner('par_early', '2026-01-15T09:00:00Z');
    await partner('par_late', '2026-03-02T09:00:00Z');
    // 1,500 operations in February: 500 beyond the quota, so the draft has an overage line.
    await store.ingestUsage(
      Array.from({ length: 1500 }, (_, i) => ({
        id: `evt_${i}`,
        occurredAt: new Date(Date.UTC(2026, 1, 1 + (i % 28), 12)),
        partnerId: 'par_early',
        keyId: 'key_a',
        operation: 'Teams',
        subgraphs: ['matches'],
        cost: 1,
        durationMs: 5,
        outcome: 'ok' as const,
        bytes: 100,
        subscriptionMessages: 0,
        billable: true,
        requestId: `req_${i}`,
        status: 200,
        errorCode: null,
      })),
    );
  });
  afterAll(async () => {
    await close?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const deps = (at: string) => ({ store, taxRateBasisPoints: TAX, now: () => new Date(at) });

  it('names the month before, across a year too', () => {
    expect(previousMonth(new Date('2026-03-05T10:00:00Z'))).toBe('2026-02');
    expect(previousMonth(new Date('2026-01-01T00:00:00Z'))).toBe('2025-12');
  });

  it('drafts the month just ended for every partner that existed in it, once', async () => {
    const prepared = await prepareLastMonthDrafts(deps('2026-03-05T10:00:00Z'));
    const existed = (await store.listPartners()).filter(
      (p) => p.createdAt < new Date('2026-03-01T00:00:00Z'),
    );
    expect(prepared.map((invoice) => invoice.partnerId).sort()).toEqual(existed.map((p) => p.id).sort());
    expect(prepared.map((invoice) => invoice.partnerId)).not.toContain('par_late');
    expect(new Set(prepared.map((invoice) => `${invoice.period} ${invoice.status}`))).toEqual(
      new Set(['2026-02 draft']),
    );

    const [early] = await store.invoicesByPartner('par_early');
    const [tiny] = await store.plansByIds(['plan_tiny']);
    const expected = computeInvoice(tiny!, '2026-02', 1500, TAX);
    expect(expected.lines.map((line) => line.amountCents)).toEqual([1_000, 250]);
    expect(early).toMatchObject({ period: '2026-02', totalCents: expected.totalCents });

    // Checked again the same month: nothing new, and the draft is the same invoice.
    expect(await prepareLastMonthDrafts(deps('2026-03-05T11:00:00Z'))).toEqual([]);
    expect(await store.invoicesByPartner('par_early')).toEqual([early]);
  });

  it('leaves an issued invoice alone, and drafts the next month when it has ended', async () => {
    const [february] = await store.invoicesByPartner('par_early');
    const party = {
      name: 'Early Ltd',
      addressLines: ['1 Road'],
      country: 'GB',
      vatId: null,
      email: 'a@b.example',
    };
    const issued = await store.issueDraft(february!.id, {
      issuedAt: new Date('2026-03-06T00:00:00Z'),
      dueOn: '2026-04-05',
      numberPrefix: 'MER',
      seller: party,
      buyer: party,
      override: null,
    });
    expect(issued).toMatchObject({ status: 'issued', number: 'MER-2026-0001' });
    expect(await prepareLastMonthDrafts(deps('2026-03-20T10:00:00Z'))).toEqual([]);

    const april = await prepareLastMonthDrafts(deps('2026-04-01T00:30:00Z'));
    expect(april.map((invoice) => invoice.partnerId)).toContain('par_late');
    const early = await store.invoicesByPartner('par_early');
    expect(early.map((invoice) => [invoice.period, invoice.status])).toEqual([
      ['2026-03', 'draft'],
      ['2026-02', 'issued'],
    ]);
  });
});
