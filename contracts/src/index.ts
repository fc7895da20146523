export { BILLING_ROUTES, CHANGES_PATH, INTERNAL_TOKEN_HEADER } from './internal';
export { DATA_SCOPES, MANAGEMENT_SCOPES } from './scopes';
export type { DataScope, ManagementScope, Scope } from './scopes';
export {
  KeyLookupAnswerSchema,
  SafelistedOperationsSchema,
  SafelistLookupAnswerSchema,
  SessionLookupAnswerSchema,
  SessionTokensAnswerSchema,
} from './answers';
export type { PlanLimitsAnswer, SafelistedOperations, SessionTokensAnswer } from './answers';
export { KeyChangeSchema } from './key-changes';
export type { KeyChange } from './key-changes';
export {
  MAX_EVENT_ID_LENGTH,
  MAX_USAGE_BATCH,
  USAGE_EVENT_RULES,
  UsageEventSchema,
  UsageIntakeAnswerSchema,
} from './usage';
/**
 * The largest values an event may carry, which billing's tests send past.
 * @internal
 */
export {
  MAX_EVENT_BYTES,
  MAX_EVENT_COST,
  MAX_EVENT_DURATION_MS,
  MAX_EVENT_SUBSCRIPTION_MESSAGES,
} from './usage';
export type { Outcome, RefusedEvent, UsageEvent, UsageEventInput, UsageIntakeAnswer } from './usage';
