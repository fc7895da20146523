import type { PlanRecord } from '../store/accounts.store';
import { computeInvoice, monthPeriod } from './compute';
import { renderInvoiceHtml } from './html';

const plan: PlanRecord = {
  id: 'plan_pro',
  name: 'Pro',
  monthlyPriceCents: 49_900,
  requestsPerMinute: 600,
  costPointsPerMinute: 20_000,
  monthlyQuota: 1_000_000,
  concurrentSubscriptions: 50,
  allowedScopes: ['matches:read'],
  overageCentsPerThousand: 40,
};

describe('computeInvoice', () => {
  it('bills the plan alone within the quota', () => {
    const invoice = computeInvoice(plan, '2026-03', 1_000_000, 2000);
    expect(invoice.lines).toHaveLength(1);
    expect(invoice).toMatchObject({ subtotalCents: 49_900, taxCents: 9_980, totalCents: 59_880 });
  });

  it('bills every started thousand beyond the quota, then tax rounded half up', () => {
    const invoice = computeInvoice(plan, '2026-03', 1_002_001, 1950);
    // 2,001 over: three started thousands at 40 cents.
    expect(invoice.lines[1]).toMatchObject({ quantity: 3, unitPriceCents: 40, amountCents: 120 });
    expect(invoice.subtotalCents).toBe(50_020);
    // 50,020 × 19.5 % = 9,753.9 → 9,754.
    expect(invoice.taxCents).toBe(9_754);
    expect(invoice.totalCents).toBe(59_774);
  });

  it('knows the instants of a month, and refuses what is not one', () => {
    expect(monthPeriod('2024-02')).toEqual({
      start: new Date('2024-02-01T00:00:00Z'),
      end: new Date('2024-03-01T00:00:00Z'),
    });
    expect(monthPeriod('2024-13')).toBeUndefined();
    expect(monthPeriod('2024-2')).toBeUndefined();
  });
});

describe('renderInvoiceHtml', () => {
  it('shows lines and totals as money, and escapes what it is given', () => {
    const invoice = computeInvoice(plan, '2026-03', 1_002_001, 2000);
    const party = {
      name: 'Smith & <Sons>',
      addressLines: ['1 Road'],
      country: 'GB',
      vatId: null,
      email: 'x@y.example',
    };
    const html = renderInvoiceHtml({
      ...invoice,
      number: 'MER-2026-0007',
      status: 'issued',
      overdue: false,
      issuedOn: '2026-04-01',
      dueOn: '2026-05-01',
      seller: { ...party, name: 'Meridian Data Ltd', vatId: 'GB123456789' },
      buyer: party,
      payments: [],
      amountPaidCents: 0,
    });
    expect(html).toContain('Smith &amp; &lt;Sons&gt;');
    expect(html).not.toContain('<Sons>');
    expect(html).toContain('€499.00');
    expect(html).toContain('€600.24');
    expect(html).toContain('VAT (20 %)');
    expect(html).toContain('VAT id GB123456789');
    expect(html).toContain('<th>Due date</th><td>2026-05-01</td>');
  });
});
