/**
 * A plan's limits as the gateway enforces them, the same in the key lookup and the session lookup. Plans
 * with an overage price keep serving operations beyond the monthly quota, which the invoice then bills as
 * overage; plans without one (a price of 0) are refused with QUOTA_EXCEEDED there.
 */
import type { PlanLimits } from '@meridian/kit';
import type { PlanRecord } from '../store/accounts.store';

export function planLimits(plan: PlanRecord): PlanLimits {
  return {
    name: plan.name,
    requestsPerMinute: plan.requestsPerMinute,
    costPointsPerMinute: plan.costPointsPerMinute,
    monthlyQuota: plan.monthlyQuota,
    concurrentSubscriptions: plan.concurrentSubscriptions,
    overage: plan.overageCentsPerThousand > 0,
  };
}
