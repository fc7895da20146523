import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { DASHBOARDS } from './cache-hints';

/** Fields every period of the business dashboards has; each type repeats them (type-graphql interfaces would add a schema type). */
@CacheHint(DASHBOARDS)
@ObjectType({ description: 'A span of days: `start` (UTC midnight) up to `end`, exclusive.' })
export class BusinessPeriod {
  @Field(() => Date)
  start!: Date;

  @Field(() => Date, {
    description: 'The period’s end, or the moment of the answer for the period in progress.',
  })
  end!: Date;

  @Field(() => Boolean, { description: 'Still running: its figures are so far, not final.' })
  partial!: boolean;
}

@CacheHint(DASHBOARDS)
@ObjectType({
  description: 'Net invoiced revenue in a period: subtotals of invoices issued in it (issued or paid).',
})
export class BusinessRevenuePeriod extends BusinessPeriod {
  @Field(() => Float, { description: 'In the dashboard’s currency, tax excluded.' })
  revenue!: number;

  @Field(() => Int)
  invoices!: number;
}

@CacheHint(DASHBOARDS)
@ObjectType({ description: 'Revenue over the last 30 days (today so far included) against its target.' })
export class BusinessRevenueWindow extends BusinessRevenuePeriod {
  @Field(() => Float)
  target!: number;

  @Field(() => Float, { description: 'revenue / target (1 = on target).' })
  attainment!: number;
}

@CacheHint(DASHBOARDS)
@ObjectType({
  description: 'Monthly recurring revenue of one plan: its active partners × its monthly price.',
})
export class PlanMrr {
  @Field(() => String)
  planId!: string;

  @Field(() => String)
  planName!: string;

  @Field(() => Int, { description: 'Partners on the plan that are not suspended.' })
  activePartners!: number;

  @Field(() => Float)
  monthlyPrice!: number;

  @Field(() => Float)
  mrr!: number;
}

@CacheHint(DASHBOARDS)
@ObjectType({
  description:
    'A partner in a ranking: its billed requests and net invoiced revenue over the ranking’s span.',
})
export class PartnerFigure {
  @Field(() => String)
  partnerId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  planName!: string;

  @Field(() => Float, { description: 'Requests counted against the quota and invoiced.' })
  billedRequests!: number;

  @Field(() => Float)
  revenue!: number;
}

@CacheHint(DASHBOARDS)
@ObjectType({ description: 'An active partner that used much of its monthly quota in the current month.' })
export class QuotaUse {
  @Field(() => String)
  partnerId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  planName!: string;

  @Field(() => Float)
  billedRequests!: number;

  @Field(() => Float)
  monthlyQuota!: number;

  @Field(() => Float, { description: 'billedRequests / monthlyQuota (1 = the whole quota).' })
  share!: number;
}

@CacheHint(DASHBOARDS)
@ObjectType({ description: 'Partners won and lost in a calendar month.' })
export class PartnerGrowthPeriod extends BusinessPeriod {
  @Field(() => Int, { description: 'Partners created in the month.' })
  joined!: number;

  @Field(() => Int, { description: 'Partners suspended in the month and not reactivated since.' })
  churned!: number;

  @Field(() => Int, { description: 'Partners created before the month’s end and not suspended by then.' })
  activeAtEnd!: number;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(DASHBOARDS)
@ObjectType({
  description:
    "The API business's own figures, from Meridian's invoices, partners, plans and usage; every amount in `currency`.",
})
export class BusinessDashboard {
  @Field(() => String, { description: 'ISO 4217 code of every amount here (the invoices’ currency).' })
  currency!: string;

  @Field(() => Date)
  asOf!: Date;

  @Field(() => BusinessRevenueWindow)
  revenueWindow!: BusinessRevenueWindow;

  @Field(() => [BusinessRevenuePeriod], {
    description: 'Weeks from Monday (UTC), oldest first; the last one so far.',
  })
  weeklyRevenue!: BusinessRevenuePeriod[];

  @Field(() => Float, { description: 'Monthly recurring revenue: the sum over the plans.' })
  mrr!: number;

  @Field(() => [PlanMrr], { description: 'Cheapest plan first.' })
  mrrByPlan!: PlanMrr[];

  @Field(() => BusinessPeriod, { description: 'What the rankings cover: the months of `partnerGrowth`.' })
  rankingSpan!: BusinessPeriod;

  @Field(() => [PartnerFigure])
  topPartnersByUsage!: PartnerFigure[];

  @Field(() => [PartnerFigure])
  topPartnersByRevenue!: PartnerFigure[];

  @Field(() => BusinessPeriod, { description: 'The current month so far, which the quota watch covers.' })
  quotaMonth!: BusinessPeriod;

  @Field(() => Int, { description: 'The share of its quota, in percent, from which a partner is listed.' })
  quotaWatchPercent!: number;

  @Field(() => [QuotaUse], { description: 'Highest share first.' })
  partnersNearQuota!: QuotaUse[];

  @Field(() => [PartnerGrowthPeriod], { description: 'Calendar months, oldest first; the last one so far.' })
  partnerGrowth!: PartnerGrowthPeriod[];
}
