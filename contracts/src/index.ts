export { BILLING_ROUTES, CHANGES_PATH, INTERNAL_TOKEN_HEADER } from './internal';
export { DATA_SCOPES, isScope, MANAGEMENT_SCOPES, SCOPES } from './scopes';
export type { DataScope, ManagementScope, Scope } from './scopes';
export {
  KeyLookupAnswerSchema,
  PlanLimitsSchema,
  SafelistedOperationsSchema,
  SafelistLookupAnswerSchema,
  SessionLookupAnswerSchema,
  SessionTokensAnswerSchema,
} from './answers';
export type {
  KeyLookupAnswer,
  PlanLimitsAnswer,
  SafelistedOperations,
  SafelistLookupAnswer,
  SessionLookupAnswer,
  SessionTokensAnswer,
} from './answers';
export { KEY_CHANGE_KINDS, KeyChangeSchema } from './key-changes';
export type { KeyChange } from './key-changes';
export {
  MAX_ERROR_CODE_LENGTH,
  MAX_EVENT_BYTES,
  MAX_EVENT_COST,
  MAX_EVENT_DURATION_MS,
  MAX_EVENT_ID_LENGTH,
  MAX_EVENT_SUBSCRIPTION_MESSAGES,
  MAX_OPERATION_LENGTH,
  MAX_REQUEST_ID_LENGTH,
  MAX_SUBGRAPHS_PER_EVENT,
  MAX_USAGE_BATCH,
  OUTCOMES,
  RefusedEventSchema,
  USAGE_EVENT_RULES,
  UsageEventSchema,
  UsageIntakeAnswerSchema,
} from './usage';
export type { Outcome, RefusedEvent, UsageEvent, UsageEventInput, UsageIntakeAnswer } from './usage';
