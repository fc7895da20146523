/**
 * What a partner's plan allows, as billing tells the gateway in its key and session lookups and as the
 * gateway's rate limits and quotas read it: one shape for both sides of that contract.
 */
export interface PlanLimits {
  readonly name: string;
  readonly requestsPerMinute: number;
  readonly costPointsPerMinute: number;
  readonly monthlyQuota: number;
  readonly concurrentSubscriptions: number;
  /**
   * Whether operations beyond the monthly quota are served (billing invoices them as overage) rather than
   * refused with QUOTA_EXCEEDED: set for plans with an overage price.
   */
  readonly overage: boolean;
}
