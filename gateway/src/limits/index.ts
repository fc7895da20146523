export {
  actualCost,
  estimateCost,
  estimateOperationCost,
  MUTATION_BASE_COST,
  readCostDirectives,
} from './cost';
export type { CostDirectives, CostEstimate, CostInput, ListSize, SlicingViolation } from './cost';
export { checkOperationLimits, measureOperation } from './operation-limits';
export type { LimitViolation, OperationLimits, OperationShape } from './operation-limits';
export {
  chargeActualCost,
  costStep,
  loginThrottleStep,
  operationLimitsStep,
  rateLimitStep,
  rateSubject,
  recordLoginFailure,
} from './steps';
export type { CostOptions, LoginThrottle, RateLimitOptions } from './steps';
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
