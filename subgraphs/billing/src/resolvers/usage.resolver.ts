import { codedError } from '@meridian/schema';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { partnerInReach } from '../auth/principal';
import type { BillingContext } from '../context';
import { monthPeriod } from '../invoices/compute';
import { RequestLogEntry } from '../schema/request-log.type';
import { Quota, UsageGranularity, UsageGrouping, UsageSeries } from '../schema/usage.type';
import type { UsagePointRecord } from '../store';

/** Longest window one usage query may span, per granularity, in buckets. */
const MAX_USAGE_BUCKETS = { hour: 24 * 31, day: 366 } as const;
const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;
/** Most request log entries one query returns. */
const MAX_REQUEST_LOG_ENTRIES = 200;

@Resolver()
export class UsageResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [UsageSeries], { description: 'Usage over `[from, to)`, one series per group, for charts.' })
  async usage(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    // Enum defaults do not survive the trip through SDL into the subgraph schema: applied below instead.
    @Arg('granularity', () => UsageGranularity, { nullable: true, description: 'DAY when omitted.' })
    granularityArg: UsageGranularity | null,
    @Arg('groupBy', () => UsageGrouping, { nullable: true, description: 'TOTAL when omitted.' })
    groupByArg: UsageGrouping | null,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<UsageSeries[]> {
    const partner = partnerInReach(principal, partnerId);
    const granularity = granularityArg ?? UsageGranularity.DAY;
    const groupBy = groupByArg ?? UsageGrouping.TOTAL;
    const buckets = (to.getTime() - from.getTime()) / BUCKET_MS[granularity];
    if (!(buckets > 0 && buckets <= MAX_USAGE_BUCKETS[granularity])) {
      throw codedError(
        'BAD_USER_INPUT',
        `to must be after from, and at most ${MAX_USAGE_BUCKETS[granularity]} ${granularity}s later`,
        { argument: 'to', limit: MAX_USAGE_BUCKETS[granularity] },
      );
    }
    const points = await store.usageSeries(partner, granularity, from, to, groupBy);
    const series = new Map<string, UsagePointRecord[]>();
    for (const point of points) series.set(point.group, [...(series.get(point.group) ?? []), point]);
    return [...series].map(([group, list]) => ({
      group,
      points: list.map((point) => ({ ...point, meanDurationMs: point.durationMs / point.requests })),
    }));
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => Quota, { description: "The partner's monthly quota in the month of `at` (default now)." })
  async quota(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() { store, principal, loaders, now }: BillingContext,
  ): Promise<Quota> {
    const partner = await loaders.partner.load(partnerInReach(principal, partnerId));
    if (!partner)
      throw codedError('BAD_USER_INPUT', `unknown partner ${partnerId}`, { argument: 'partnerId' });
    const plan = await loaders.plan.load(partner.planId);
    const when = at ?? now();
    const { start, end } = monthPeriod(when.toISOString().slice(0, 7))!;
    const used = await store.requestsBetween(partner.id, start, end);
    const limit = plan?.monthlyQuota ?? 0;
    return { periodStart: start, periodEnd: end, limit, used, remaining: Math.max(0, limit - used) };
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [RequestLogEntry], {
    description:
      "A partner's most recent requests, newest first: of every key, of one key (`keyId`; `anonymous` for the portal's own calls), or the one with a request id. Read with a portal session; API keys cannot read it.",
  })
  async requestLog(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Arg('keyId', () => ID, { nullable: true }) keyId: string | null,
    @Arg('requestId', () => String, { nullable: true, description: 'The `x-request-id` of one request.' })
    requestId: string | null,
    @Arg('limit', () => Int, {
      nullable: true,
      description: `50 when omitted; at most ${MAX_REQUEST_LOG_ENTRIES}.`,
    })
    limit: number | null,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<RequestLogEntry[]> {
    const partner = partnerInReach(principal, partnerId);
    const count = limit ?? 50;
    if (!Number.isInteger(count) || count < 1 || count > MAX_REQUEST_LOG_ENTRIES) {
      throw codedError('BAD_USER_INPUT', `limit must be from 1 to ${MAX_REQUEST_LOG_ENTRIES}`, {
        argument: 'limit',
        limit: MAX_REQUEST_LOG_ENTRIES,
      });
    }
    // Read in the console: an API key, however scoped, reads no request log (a key handed to a contractor
    // would otherwise see every other key's traffic).
    if (principal?.keyId) {
      throw codedError(
        'FORBIDDEN',
        'the request log is read in the console, with a portal session, not with an API key',
      );
    }
    return store.requestLog({
      partnerId: partner,
      keyId: keyId ?? undefined,
      requestId: requestId ?? undefined,
      limit: count,
    });
  }
}
