export { actualCost, readCostDirectives } from './cost';
export { costStep, loginThrottleStep, operationLimitsStep, rateLimitStep, rateSubject } from './steps';
export type { LoginThrottle } from './steps';
export { ingestPolicy, planRate, RATE_WINDOW_SECONDS, RateLimits, rateLimitHeaders } from './rate-limits';
export type { RatePolicy, RateState } from './rate-limits';
