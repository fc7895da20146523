/**
 * The error-code catalog every service answers with. The schema tooling (the public API's history, diff and
 * check) is `@meridian/schema/tooling`, so that no service loads it to start.
 */
export { codedError, errorBody, errorCatalog, errorCodes, isErrorCode } from './errors';
export type { ErrorCode, ErrorCodeEntry } from './errors';
