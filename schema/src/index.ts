/**
 * The error-code catalog every service answers with, and the public API's limits (the gateway's default
 * operation limits, the lists sized by a time window). The schema tooling (the public API's history, diff and
 * check) is `@meridian/schema/tooling`, so that no service loads it to start.
 */
export { codedError, errorBody, errorCatalog, errorCodes, isErrorCode } from './errors';
export type { ErrorCode, ErrorCodeEntry } from './errors';
export { OPERATION_LIMIT_DEFAULTS, WINDOWED_LISTS } from './limits';
export type { OperationLimitSettings, WindowSize } from './limits';
