import { codedError } from '@meridian/schema';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { boundedInteger } from '../bi/arguments';
import { summaryCsv } from '../bi/csv';
import { fields, type Metric } from '../bi/question';
import { parseQuestion } from '../bi/question-builder';
import { answerQuestion } from '../bi/summary';
import { requireAdmin } from '../auth/principal';
import type { BillingContext } from '../context';
import {
  CustomerSalesPage,
  FilterInput,
  GroupByInput,
  RevenueAgainstTarget,
  RevenuePoint,
  Summary,
  SummaryMetric,
} from '../schema/dashboard.type';
import { FilterValue } from '../schema/saved-question.type';

/** The shop's currency: the Metabase sample is a US shop. */
const SHOP_CURRENCY = 'USD';
const TARGET_WINDOW_DAYS = 30;
const MAX_WINDOW_DAYS = 366;
const DEFAULT_TOP_CUSTOMERS = 10;
const MAX_TOP_CUSTOMERS = 100;
const DEFAULT_PAGE_SIZE = 5;
/** Values the question builder's picker offers for a text field, most orders first. */
const DEFAULT_FILTER_VALUES = 50;
const MAX_FILTER_VALUES = 500;
const DAY_MS = 86_400_000;

@Resolver()
export class DashboardResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => RevenueAgainstTarget, {
    description:
      'Shop revenue over the `days` before `asOf` (default: the day after the latest order) against the target, scaled to the window (admins).',
  })
  async revenueAgainstTarget(
    @Arg('days', () => Int, { defaultValue: TARGET_WINDOW_DAYS }) days: number,
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | null,
    @Ctx() { store, principal, services }: BillingContext,
  ): Promise<RevenueAgainstTarget> {
    requireAdmin(principal);
    if (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) {
      throw codedError('BAD_USER_INPUT', `days must be 1 to ${MAX_WINDOW_DAYS}`, {
        argument: 'days',
        limit: MAX_WINDOW_DAYS,
      });
    }
    const to = asOf ?? (await endOfLatestOrderDay(store)) ?? services.now();
    const from = new Date(to.getTime() - days * DAY_MS);
    const revenueCents = await store.revenueCentsBetween(from, to);
    const targetCents = Math.round((services.config.revenueTargetCents * days) / TARGET_WINDOW_DAYS);
    return {
      from,
      to,
      revenue: revenueCents / 100,
      target: targetCents / 100,
      attainment: targetCents === 0 ? 0 : revenueCents / targetCents,
      currency: SHOP_CURRENCY,
    };
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [RevenuePoint], {
    description: 'Shop revenue per week (Monday to Sunday, UTC), oldest first (admins).',
  })
  async revenueByWeek(
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<RevenuePoint[]> {
    requireAdmin(principal);
    const filter = [
      ...(from ? [{ field: 'order.createdAt', op: 'GTE' as const, values: [from.toISOString()] }] : []),
      ...(to ? [{ field: 'order.createdAt', op: 'LT' as const, values: [to.toISOString()] }] : []),
    ];
    const summary = await answerQuestion(
      store,
      parseQuestion({
        metric: 'SUM',
        field: 'order.total',
        groupBy: [{ field: 'order.createdAt', bucket: 'week' }],
        filter,
      }),
    );
    return summary.rows.map((row) => ({ weekStart: row.group[0]!, revenue: row.value ?? 0 }));
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => CustomerSalesPage, {
    description:
      'The `top` customers by total sales, one page of them: `offset` rows skipped, `first` shown (admins).',
  })
  async topCustomersBySales(
    @Arg('top', () => Int, { defaultValue: DEFAULT_TOP_CUSTOMERS }) top: number,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<CustomerSalesPage> {
    requireAdmin(principal);
    boundedInteger('top', top, 1, MAX_TOP_CUSTOMERS);
    boundedInteger('first', first, 1, MAX_TOP_CUSTOMERS);
    boundedInteger('offset', offset, 0, MAX_TOP_CUSTOMERS);
    const total = Math.min(top, await store.countBuyingCustomers());
    const take = Math.max(0, Math.min(first, total - offset));
    const rows = take > 0 ? await store.topCustomers(take, offset) : [];
    return {
      rows: rows.map((row, index) => ({
        rank: offset + index + 1,
        customerId: row.customerId,
        name: row.name,
        amount: row.totalCents / 100,
        currency: SHOP_CURRENCY,
      })),
      from: rows.length > 0 ? offset + 1 : 0,
      to: offset + rows.length,
      total,
    };
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => Summary, {
    description:
      'The question builder: a metric over orders (joined to their customer and product), grouped by fields or time buckets, filtered (admins).',
  })
  async summarize(
    @Arg('metric', () => SummaryMetric) metric: Metric,
    @Arg('field', () => String, { nullable: true }) field: string | null,
    @Arg('groupBy', () => [GroupByInput], { nullable: true }) groupBy: GroupByInput[] | null,
    @Arg('filter', () => [FilterInput], { nullable: true }) filter: FilterInput[] | null,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<Summary> {
    requireAdmin(principal);
    const question = parseQuestion({ metric, field, groupBy, filter });
    const summary = await answerQuestion(store, question);
    return { columns: question.groupBy.map((group) => group.name), ...summary };
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => String, {
    description:
      "`summarize`'s answer as CSV: a header row (the group columns, then the metric), one row per group; text that a spreadsheet would take for a formula is prefixed with an apostrophe (admins).",
  })
  async summarizeCsv(
    @Arg('metric', () => SummaryMetric) metric: Metric,
    @Arg('field', () => String, { nullable: true }) field: string | null,
    @Arg('groupBy', () => [GroupByInput], { nullable: true }) groupBy: GroupByInput[] | null,
    @Arg('filter', () => [FilterInput], { nullable: true }) filter: FilterInput[] | null,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<string> {
    requireAdmin(principal);
    const question = parseQuestion({ metric, field, groupBy, filter });
    const summary = await answerQuestion(store, question);
    const header = [...question.groupBy.map((group) => group.name), field ? `${metric}(${field})` : metric];
    return summaryCsv(header, summary.rows);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [FilterValue], {
    description:
      "The values of a text field of the question builder with their count of orders, most first: the filter's value picker (admins).",
  })
  async filterValues(
    @Arg('field', () => String) field: string,
    @Arg('first', () => Int, { defaultValue: DEFAULT_FILTER_VALUES }) first: number = DEFAULT_FILTER_VALUES,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<FilterValue[]> {
    requireAdmin(principal);
    boundedInteger('first', first, 1, MAX_FILTER_VALUES);
    const spec = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (!spec || spec.kind !== 'text') {
      throw codedError('BAD_USER_INPUT', `"${field}" is not a text field of the question builder`, {
        argument: 'field',
      });
    }
    return store.valueCounts(spec, first);
  }
}

async function endOfLatestOrderDay(store: BillingContext['store']): Promise<Date | undefined> {
  const latest = await store.latestOrderAt();
  return latest && new Date((Math.floor(latest.getTime() / DAY_MS) + 1) * DAY_MS);
}
