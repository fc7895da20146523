export { actualCost, estimateCost, MUTATION_BASE_COST, readCostDirectives } from './cost';
export type { CostDirectives, CostInput, ListSize } from './cost';
export { checkOperationLimits, measureOperation } from './operation-limits';
export type { LimitViolation, OperationLimits, OperationShape } from './operation-limits';
export { limitsPlugin } from './plugin';
export type { CostExtension, LimitsOptions } from './plugin';
export { rateLimitPlugin, rateSubject } from './rate-limit-plugin';
export type { QuotaExtension, RateLimitPluginOptions } from './rate-limit-plugin';
export {
  INGEST_BYTES_PER_READING,
  ingestPolicy,
  planRate,
  RATE_WINDOW_SECONDS,
  RateLimits,
  rateLimitHeaders,
  READINGS_PER_COST_POINT,
} from './rate-limits';
export type { IngestPolicy, RateDecision, RateKind, RatePolicy, RateState } from './rate-limits';
