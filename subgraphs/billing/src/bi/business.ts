/**
 * The API business's own dashboards: revenue from Meridian's invoices against a 30-day target, weekly
 * revenue, monthly recurring revenue by plan, the partners that use and pay the most, the partners close to
 * their monthly quota, and partners won and lost per month. Periods are UTC days, weeks from Monday and
 * calendar months; the period that contains `now` is still running, so it is flagged `partial` and ends at
 * `now` rather than looking like a collapse. Money is in integer cents of the one configured currency until
 * the resolver turns it into units.
 */
import type { BillingStore, PartnerRecord } from '../store';

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: adding 3 makes Monday day 0 of a week. */
const EPOCH_TO_MONDAY_DAYS = 3;
/** The revenue target's window: the 30 days up to and including today. */
const REVENUE_WINDOW_DAYS = 30;

export interface Period {
  /** First instant of the period (UTC midnight). */
  readonly start: Date;
  /** Where its figures stop: the period's end, or `now` for the one in progress. */
  readonly end: Date;
  readonly partial: boolean;
}

interface RevenuePeriod extends Period {
  readonly revenueCents: number;
  readonly invoices: number;
}

interface GrowthPeriod extends Period {
  /** Partners created in the period. */
  readonly joined: number;
  /** Partners suspended in the period (and still suspended: reactivated ones are not lost). */
  readonly churned: number;
  /** Partners created before the period's end and not suspended by then. */
  readonly activeAtEnd: number;
}

interface PlanMrr {
  readonly planId: string;
  readonly planName: string;
  readonly activePartners: number;
  readonly monthlyPriceCents: number;
  readonly mrrCents: number;
}

export interface PartnerFigure {
  readonly partnerId: string;
  readonly name: string;
  readonly planName: string;
  readonly billed: number;
  readonly revenueCents: number;
}

interface QuotaUse {
  readonly partnerId: string;
  readonly name: string;
  readonly planName: string;
  readonly billed: number;
  readonly monthlyQuota: number;
  /** billed / monthlyQuota. */
  readonly share: number;
}

export interface BusinessDashboard {
  readonly currency: string;
  readonly asOf: Date;
  readonly window: Period & { readonly revenueCents: number; readonly invoices: number; targetCents: number };
  readonly weeks: RevenuePeriod[];
  readonly mrr: PlanMrr[];
  /** The span the partner rankings cover: the last `months` months, the current one so far. */
  readonly rankingSpan: Period;
  readonly topByUsage: PartnerFigure[];
  readonly topByRevenue: PartnerFigure[];
  /** The current month so far. */
  readonly quotaMonth: Period;
  readonly quotaWatch: QuotaUse[];
  readonly months: GrowthPeriod[];
}

export interface DashboardRequest {
  readonly now: Date;
  readonly currency: string;
  /** Net revenue expected over the 30-day window, in cents. */
  readonly targetCents: number;
  /** A partner at or above this share of its quota is watched (0.8 = 80 %). */
  readonly quotaWatchShare: number;
  readonly weeks: number;
  readonly months: number;
  readonly top: number;
}

const startOfDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

/** @internal */
export function startOfWeek(at: Date): Date {
  const day = Math.floor(at.getTime() / DAY_MS);
  return new Date((day - ((day + EPOCH_TO_MONDAY_DAYS) % 7)) * DAY_MS);
}

function startOfMonth(at: Date, monthsLater = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + monthsLater, 1));
}

/** The `count` periods ending with the one that holds `now`, oldest first; `next` steps a start on by one. */
function periods(first: Date, count: number, next: (start: Date) => Date, now: Date): Period[] {
  const list: Period[] = [];
  for (let start = first, i = 0; i < count; i += 1, start = next(start)) {
    const end = next(start);
    list.push(end > now ? { start, end: now, partial: true } : { start, end, partial: false });
  }
  return list;
}

/** @internal */
export function weekPeriods(now: Date, count: number): Period[] {
  const first = new Date(startOfWeek(now).getTime() - (count - 1) * 7 * DAY_MS);
  return periods(first, count, (start) => new Date(start.getTime() + 7 * DAY_MS), now);
}

/** @internal */
export function monthPeriods(now: Date, count: number): Period[] {
  return periods(startOfMonth(now, -(count - 1)), count, (start) => startOfMonth(start, 1), now);
}

const within = (at: Date | null, period: Period) => at !== null && at >= period.start && at < period.end;

export async function businessDashboard(
  store: BillingStore,
  request: DashboardRequest,
): Promise<BusinessDashboard> {
  const { now, currency } = request;
  const windowStart = new Date(startOfDay(now).getTime() - (REVENUE_WINDOW_DAYS - 1) * DAY_MS);
  const weeks = weekPeriods(now, request.weeks);
  const months = monthPeriods(now, request.months);
  const rankingSpan: Period = { start: months[0]!.start, end: now, partial: true };
  const quotaMonth: Period = { start: startOfMonth(now), end: now, partial: true };
  const earliest = new Date(
    Math.min(windowStart.getTime(), weeks[0]!.start.getTime(), rankingSpan.start.getTime()),
  );

  const [invoices, plans, partners, usage, monthUsage] = await Promise.all([
    store.issuedInvoicesBetween(earliest, now, currency),
    store.activePartnersByPlan(),
    store.listPartners(),
    store.billedByPartner(rankingSpan.start, now),
    store.billedByPartner(quotaMonth.start, now),
  ]);
  const planRecords = await store.plansByIds(plans.map((plan) => plan.planId));
  const planOf = new Map(planRecords.map((plan) => [plan.id, plan]));
  const partnerOf = new Map(partners.map((partner) => [partner.id, partner]));

  const revenueIn = (period: Period) => {
    const inside = invoices.filter((invoice) => within(invoice.issuedAt, period));
    return {
      revenueCents: inside.reduce((sum, invoice) => sum + invoice.subtotalCents, 0),
      invoices: inside.length,
    };
  };
  const windowPeriod: Period = { start: windowStart, end: now, partial: true };

  const revenueByPartner = new Map<string, number>();
  for (const invoice of invoices) {
    if (!within(invoice.issuedAt, rankingSpan)) continue;
    revenueByPartner.set(
      invoice.partnerId,
      (revenueByPartner.get(invoice.partnerId) ?? 0) + invoice.subtotalCents,
    );
  }
  const billedByPartner = new Map(usage.map((row) => [row.partnerId, row.billed]));
  const figure = (partner: PartnerRecord): PartnerFigure => ({
    partnerId: partner.id,
    name: partner.name,
    planName: planOf.get(partner.planId)?.name ?? partner.planId,
    billed: billedByPartner.get(partner.id) ?? 0,
    revenueCents: revenueByPartner.get(partner.id) ?? 0,
  });
  const ranked = (measure: (row: PartnerFigure) => number) =>
    partners
      .map(figure)
      .filter((row) => measure(row) > 0)
      .sort((a, b) => measure(b) - measure(a) || a.partnerId.localeCompare(b.partnerId))
      .slice(0, request.top);

  const quotaWatch: QuotaUse[] = [];
  for (const row of monthUsage) {
    const partner = partnerOf.get(row.partnerId);
    const plan = partner && planOf.get(partner.planId);
    if (!partner || !plan || partner.suspendedAt !== null || plan.monthlyQuota <= 0) continue;
    const share = row.billed / plan.monthlyQuota;
    if (share < request.quotaWatchShare) continue;
    quotaWatch.push({
      partnerId: partner.id,
      name: partner.name,
      planName: plan.name,
      billed: row.billed,
      monthlyQuota: plan.monthlyQuota,
      share,
    });
  }
  quotaWatch.sort((a, b) => b.share - a.share || a.partnerId.localeCompare(b.partnerId));

  return {
    currency,
    asOf: now,
    window: { ...windowPeriod, ...revenueIn(windowPeriod), targetCents: request.targetCents },
    weeks: weeks.map((period) => ({ ...period, ...revenueIn(period) })),
    mrr: plans.map((plan) => ({ ...plan, mrrCents: plan.activePartners * plan.monthlyPriceCents })),
    rankingSpan,
    topByUsage: ranked((row) => row.billed),
    topByRevenue: ranked((row) => row.revenueCents),
    quotaMonth,
    quotaWatch,
    months: months.map((period) => ({
      ...period,
      joined: partners.filter((partner) => within(partner.createdAt, period)).length,
      churned: partners.filter((partner) => within(partner.suspendedAt, period)).length,
      activeAtEnd: partners.filter(
        (partner) =>
          partner.createdAt < period.end &&
          (partner.suspendedAt === null || partner.suspendedAt >= period.end),
      ).length,
    })),
  };
}
