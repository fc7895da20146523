/**
 * A partner's monthly invoice from its plan and its metered operations: the plan's price, then every
 * started thousand operations beyond the quota at the plan's overage price, then tax. All in integer cents,
 * tax rounded half up once on the subtotal, so totals add up exactly.
 */
import { DEFAULT_CURRENCY } from '../config';
import type { PlanRecord } from '../store/accounts.store';

/** Overage is billed per started block of this many operations. */
const OVERAGE_BLOCK = 1_000;
/** Invoices' currency where no `CURRENCY` is configured (plans carry no currency of their own). */
const INVOICE_CURRENCY = DEFAULT_CURRENCY;

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

export interface ComputedInvoice {
  period: string;
  currency: string;
  lines: InvoiceLine[];
  subtotalCents: number;
  taxBasisPoints: number;
  taxCents: number;
  totalCents: number;
}

/** `2026-11` for a month; and the instants it spans, `[start, end)`. */
export function monthPeriod(period: string): { start: Date; end: Date } | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
}

export function computeInvoice(
  plan: PlanRecord,
  period: string,
  operations: number,
  taxBasisPoints: number,
  currency: string = INVOICE_CURRENCY,
): ComputedInvoice {
  const lines: InvoiceLine[] = [
    {
      description: `${plan.name} plan, ${period} (${plan.monthlyQuota.toLocaleString('en-GB')} operations included)`,
      quantity: 1,
      unitPriceCents: plan.monthlyPriceCents,
      amountCents: plan.monthlyPriceCents,
    },
  ];
  const over = Math.max(0, operations - plan.monthlyQuota);
  if (over > 0) {
    const blocks = Math.ceil(over / OVERAGE_BLOCK);
    lines.push({
      description: `Overage: ${over.toLocaleString('en-GB')} operations beyond the quota, per started ${OVERAGE_BLOCK.toLocaleString('en-GB')}`,
      quantity: blocks,
      unitPriceCents: plan.overageCentsPerThousand,
      amountCents: blocks * plan.overageCentsPerThousand,
    });
  }
  const subtotalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const taxCents = Math.floor((subtotalCents * taxBasisPoints + 5_000) / 10_000);
  return {
    period,
    currency,
    lines,
    subtotalCents,
    taxBasisPoints,
    taxCents,
    totalCents: subtotalCents + taxCents,
  };
}
