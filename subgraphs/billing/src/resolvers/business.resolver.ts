import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { requireAdmin } from '../auth/principal';
import { boundedInteger } from '../bi/arguments';
import { businessDashboard, type PartnerFigure, type Period } from '../bi/business';
import type { BillingContext } from '../context';
import { BusinessDashboard, type BusinessPeriod } from '../schema/business.type';

const DEFAULT_WEEKS = 12;
const MAX_WEEKS = 104;
const DEFAULT_MONTHS = 12;
const MAX_MONTHS = 36;
const DEFAULT_TOP_PARTNERS = 5;
const MAX_TOP_PARTNERS = 50;

const units = (cents: number) => cents / 100;
const period = ({ start, end, partial }: Period): BusinessPeriod => ({ start, end, partial });
const partnerFigure = (row: PartnerFigure) => ({
  partnerId: row.partnerId,
  name: row.name,
  planName: row.planName,
  billedRequests: row.billed,
  revenue: units(row.revenueCents),
});

@Resolver()
export class BusinessResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => BusinessDashboard, {
    description:
      "The API business's own dashboards: invoiced revenue (30 days against target, by week), MRR by plan, top partners by usage and by revenue, partners near their quota, partners won and lost by month (admins).",
  })
  async businessDashboard(
    @Arg('weeks', () => Int, { defaultValue: DEFAULT_WEEKS }) weeks: number = DEFAULT_WEEKS,
    @Arg('months', () => Int, { defaultValue: DEFAULT_MONTHS }) months: number = DEFAULT_MONTHS,
    @Arg('top', () => Int, { defaultValue: DEFAULT_TOP_PARTNERS }) top: number = DEFAULT_TOP_PARTNERS,
    @Ctx() { store, principal, services }: BillingContext,
  ): Promise<BusinessDashboard> {
    requireAdmin(principal);
    const { config } = services;
    const dashboard = await businessDashboard(store, {
      now: services.now(),
      currency: config.currency,
      targetCents: config.businessRevenueTargetCents,
      quotaWatchShare: config.quotaWatchPercent / 100,
      weeks: boundedInteger('weeks', weeks, 1, MAX_WEEKS),
      months: boundedInteger('months', months, 1, MAX_MONTHS),
      top: boundedInteger('top', top, 1, MAX_TOP_PARTNERS),
    });
    const { window } = dashboard;
    return {
      currency: dashboard.currency,
      asOf: dashboard.asOf,
      revenueWindow: {
        ...period(window),
        revenue: units(window.revenueCents),
        invoices: window.invoices,
        target: units(window.targetCents),
        attainment: window.targetCents === 0 ? 0 : window.revenueCents / window.targetCents,
      },
      weeklyRevenue: dashboard.weeks.map((week) => ({
        ...period(week),
        revenue: units(week.revenueCents),
        invoices: week.invoices,
      })),
      mrr: units(dashboard.mrr.reduce((sum, plan) => sum + plan.mrrCents, 0)),
      mrrByPlan: dashboard.mrr.map((plan) => ({
        planId: plan.planId,
        planName: plan.planName,
        activePartners: plan.activePartners,
        monthlyPrice: units(plan.monthlyPriceCents),
        mrr: units(plan.mrrCents),
      })),
      rankingSpan: period(dashboard.rankingSpan),
      topPartnersByUsage: dashboard.topByUsage.map(partnerFigure),
      topPartnersByRevenue: dashboard.topByRevenue.map(partnerFigure),
      quotaMonth: period(dashboard.quotaMonth),
      quotaWatchPercent: config.quotaWatchPercent,
      partnersNearQuota: dashboard.quotaWatch.map((row) => ({
        partnerId: row.partnerId,
        name: row.name,
        planName: row.planName,
        billedRequests: row.billed,
        monthlyQuota: row.monthlyQuota,
        share: row.share,
      })),
      partnerGrowth: dashboard.months.map((month) => ({
        ...period(month),
        joined: month.joined,
        churned: month.churned,
        activeAtEnd: month.activeAtEnd,
      })),
    };
  }
}
