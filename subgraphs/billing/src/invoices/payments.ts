/**
 * Payments against an issued invoice, as the business team reads them off the bank statement: an amount,
 * the day it arrived and the bank's reference. Partners often pay in parts; the invoice is paid once the
 * parts add up to its total, and a payment beyond what is still due is refused rather than kept as credit.
 */

/** The longest bank reference kept. */
const MAX_PAYMENT_REFERENCE_LENGTH = 140;

export interface PaymentInput {
  amountCents: number;
  /** `YYYY-MM-DD` */
  paidOn: string;
  reference: string;
}

export type PaymentCheck =
  { ok: true; payment: PaymentInput } | { ok: false; argument: keyof PaymentInput; reason: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real calendar day, `YYYY-MM-DD`.
 * @internal
 */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

/** Checks one payment against what is still due at `today` (`YYYY-MM-DD`). */
export function checkPayment(input: PaymentInput, outstandingCents: number, today: string): PaymentCheck {
  const reference = input.reference.trim();
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)
    return { ok: false, argument: 'amountCents', reason: 'must be a positive whole number of cents' };
  if (input.amountCents > outstandingCents)
    return {
      ok: false,
      argument: 'amountCents',
      reason: `is more than the ${outstandingCents} cents still due`,
    };
  if (!isCalendarDay(input.paidOn))
    return { ok: false, argument: 'paidOn', reason: 'must be a day, YYYY-MM-DD' };
  if (input.paidOn > today) return { ok: false, argument: 'paidOn', reason: 'cannot be in the future' };
  if (reference === '' || reference.length > MAX_PAYMENT_REFERENCE_LENGTH)
    return {
      ok: false,
      argument: 'reference',
      reason: `must be 1 to ${MAX_PAYMENT_REFERENCE_LENGTH} characters`,
    };
  return { ok: true, payment: { ...input, reference } };
}
