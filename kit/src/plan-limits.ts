/**
 * What a partner's plan allows, as billing tells the gateway in its key and session lookups and as the
 * gateway's rate limits and quotas read it: the contract's parsed form, one shape for both sides.
 */
export type { PlanLimitsAnswer as PlanLimits } from '@meridian/contracts';
