/**
 * How a refusal travels on each transport, decided here and nowhere else: an HTTP status (from the error
 * catalog) for requests, a graphql-ws close code for a websocket connection that must end. Every refusal is a
 * GraphQL error whose `extensions.code` is from the catalog.
 */
import type { ServerResponse } from 'node:http';
import {
  codedError,
  errorBody,
  errorCatalog,
  isErrorCode,
  type ErrorCode,
  type ErrorCodeEntry,
} from '@meridian/schema';
import { CloseCode } from 'graphql-ws';
import type { GraphQLError } from 'graphql';

/** Close codes for catalog codes that end a websocket connection; the rest close with Bad Request. */
const CLOSE_CODES: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: CloseCode.Unauthorized,
  FORBIDDEN: CloseCode.Forbidden,
  PARTNER_SUSPENDED: CloseCode.Forbidden,
  RATE_LIMITED: CloseCode.TooManyInitialisationRequests,
  QUOTA_EXCEEDED: CloseCode.TooManyInitialisationRequests,
  // graphql-ws has no code for a service that cannot answer now; 4503 mirrors HTTP 503 in its 4xxx range.
  SERVICE_UNAVAILABLE: 4503,
  INTERNAL_SERVER_ERROR: CloseCode.InternalServerError,
};

/** The longest close reason a websocket frame can carry (123 bytes), kept to whole characters. */
const MAX_CLOSE_REASON = 120;

export function codeOf(error: unknown): ErrorCode | undefined {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return isErrorCode(code) ? code : undefined;
}

export function httpStatusOf(error: unknown): number {
  return errorCatalog[codeOf(error) ?? 'INTERNAL_SERVER_ERROR'].httpStatus;
}

export function closeCodeOf(error: unknown): { readonly code: number; readonly reason: string } {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : 'refused';
  return {
    code: (code && CLOSE_CODES[code]) ?? CloseCode.BadRequest,
    reason: Buffer.from(message)
      .subarray(0, MAX_CLOSE_REASON)
      .toString('utf8')
      .replace(/\uFFFD+$/, ''),
  };
}

/**
 * A refusal of a whole request: a coded error carrying its HTTP status from the catalog (Apollo Server
 * answers 500 for an error thrown without one), and `Retry-After` when the caller may retry later.
 */
export function refusal(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  const retryAfter = extensions.retryAfter;
  const headers = typeof retryAfter === 'number' ? new Map([['retry-after', String(retryAfter)]]) : undefined;
  return codedError(code, message, {
    ...extensions,
    http: { status: errorCatalog[code].httpStatus, ...(headers ? { headers } : {}) },
  });
}

/** graphql-js's message when the parser stops at its token limit (its wording has varied). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;

/**
 * A parse failure as a client should see it: the token limit is an operation limit like the others, named with
 * its maximum (`OPERATION_LIMIT_EXCEEDED`, `limit: "tokens"`); any other is GRAPHQL_PARSE_FAILED.
 */
export function parseFailure(message: string): { code: ErrorCode; extensions: Record<string, unknown> } {
  const limit = TOKEN_LIMIT.exec(message);
  if (!limit) return { code: 'GRAPHQL_PARSE_FAILED', extensions: {} };
  const violations = [{ limit: 'tokens', maximum: Number(limit[1]) }];
  return { code: 'OPERATION_LIMIT_EXCEEDED', extensions: { violations } };
}

/**
 * Answers a plain HTTP request (not a GraphQL one) with a refusal: the catalog's status for `code` (its plain-HTTP
 * status where it has one) and the
 * GraphQL error body every client already reads. Works for Express's responses and Node's alike.
 */
export function sendError(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  const entry: ErrorCodeEntry = errorCatalog[code];
  res.writeHead(entry.plainHttpStatus ?? entry.httpStatus, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(JSON.stringify(errorBody(code, message, extensions)));
}
