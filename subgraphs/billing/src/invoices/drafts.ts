/**
 * Invoice drafts: a partner's month, computed from its plan and its metered operations. The business team
 * prepares one on demand (`generateInvoice`). Billing also prepares every partner's draft for the month just
 * ended, checking once an hour, so the team finds them waiting to be reviewed and issued. Several billing
 * replicas may check at once: a month has one invoice per partner (a unique constraint), and a replica that
 * loses the race leaves the draft to the one that won.
 */
import { newId, type Logger } from '@meridian/kit';
import type { BillingStore, InvoiceRecord, PartnerRecord } from '../store';
import { computeInvoice, monthPeriod } from './compute';

export interface DraftDeps {
  readonly store: BillingStore;
  readonly taxRateBasisPoints: number;
  /** The configured `CURRENCY`; the default one when absent. */
  readonly currency?: string;
  readonly now: () => Date;
}

/**
 * Computes (again) the draft of `partner` for `period` (`YYYY-MM`, already checked); an invoice already
 * issued or paid comes back unchanged.
 */
export async function prepareDraft(
  deps: DraftDeps,
  partner: PartnerRecord,
  period: string,
): Promise<InvoiceRecord> {
  const span = monthPeriod(period);
  if (!span) throw new Error(`not a month: ${period}`);
  const [plan] = await deps.store.plansByIds([partner.planId]);
  if (!plan) throw new Error(`partner ${partner.id} refers to missing plan ${partner.planId}`);
  const operations = await deps.store.requestsBetween(partner.id, span.start, span.end);
  const computed = computeInvoice(plan, period, operations, deps.taxRateBasisPoints, deps.currency);
  return deps.store.saveDraft(newId('inv'), partner.id, computed, deps.now());
}

/** `YYYY-MM` of the month before the one `at` falls in (UTC). */
export function previousMonth(at: Date): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/**
 * Prepares the drafts of the month before `deps.now()` that do not exist yet, for every partner that existed
 * in that month; resolves to the invoices it wrote.
 * @internal
 */
export async function prepareLastMonthDrafts(deps: DraftDeps, logger?: Logger): Promise<InvoiceRecord[]> {
  const period = previousMonth(deps.now());
  const { end } = monthPeriod(period)!;
  const invoiced = new Set(
    (await deps.store.invoicesAcrossPartners({ period })).map((invoice) => invoice.partnerId),
  );
  const prepared: InvoiceRecord[] = [];
  for (const partner of await deps.store.listPartners()) {
    if (partner.createdAt >= end || invoiced.has(partner.id)) continue;
    try {
      prepared.push(await prepareDraft(deps, partner, period));
    } catch (error) {
      // Another replica writing the same draft at this moment, or the store briefly unavailable: the
      // next check finds the draft, or tries again.
      logger?.warn({ err: error, partnerId: partner.id, period }, 'could not prepare an invoice draft');
    }
  }
  if (prepared.length > 0) logger?.info(`prepared ${prepared.length} invoice drafts for ${period}`);
  return prepared;
}

/**
 * Checks at once and then every `everyMs`, telling `onDrafted` when drafts were written; resolves the returned
 * function's promise once stopped.
 */
export function scheduleMonthlyDrafts(
  deps: DraftDeps,
  everyMs: number,
  logger: Logger,
  onDrafted: () => void = () => undefined,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const check = () => {
    running = prepareLastMonthDrafts(deps, logger).then(
      (prepared) => prepared.length > 0 && onDrafted(),
      (error: unknown) => logger.warn({ err: error }, 'could not check the invoice drafts'),
    );
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
