/**
 * The rules of issuing an invoice. A month is invoiced once it has ended: issued earlier, the invoice would
 * miss the rest of the month's usage and could never be corrected. An admin may still issue early (a partner
 * leaving mid-month) by giving a reason, which stays on the invoice. Numbers are given at issue, not at
 * draft, so that drafts recomputed or never issued leave no gap in a year's sequence.
 */
import { monthPeriod } from './compute';

/** The longest reason accepted for issuing a month before it has ended. */
export const MAX_OVERRIDE_REASON_LENGTH = 500;

const DAY_MS = 86_400_000;

/** Whether `period` (`YYYY-MM`, already checked) is over at `now`. */
export function periodEnded(period: string, now: Date): boolean {
  const span = monthPeriod(period);
  return span !== undefined && now.getTime() >= span.end.getTime();
}

/** `YYYY-MM-DD` (UTC) of an instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The due date of an invoice issued at `issuedAt` on terms of `termsDays` days. */
export function dueDate(issuedAt: Date, termsDays: number): string {
  return dayOf(new Date(Date.parse(dayOf(issuedAt)) + termsDays * DAY_MS));
}

/** Issued, not fully paid, and its due date is behind us (an invoice is payable through its due date). */
export function isOverdue(invoice: { status: string; dueOn: string | null }, now: Date): boolean {
  return invoice.status === 'issued' && invoice.dueOn !== null && invoice.dueOn < dayOf(now);
}
