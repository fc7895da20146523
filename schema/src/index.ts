export { codedError, errorBody, errorCatalog, errorCodes, isErrorCode } from './errors';
export type { ErrorCode, ErrorCodeEntry } from './errors';
