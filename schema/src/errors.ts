/**
 * The error-code catalog: every error a client of Meridian sees carries `extensions.code` from this list.
 * Services create errors only through `codedError`, and the portal's error reference is generated from
 * `errorCatalog`, so the documentation and the behaviour cannot drift apart.
 */
import { GraphQLError } from 'graphql';

export interface ErrorCodeEntry {
  /** HTTP status used when the error rejects a whole request. */
  readonly httpStatus: number;
  /**
   * The status a plain HTTP route (bulk ingest, the session cookie's routes) answers with, where a GraphQL
   * answer's 200 with the error in its body would read as success to an HTTP client.
   */
  readonly plainHttpStatus?: number;
  /** One sentence for the portal's error reference: when a client sees it and what to do. */
  readonly description: string;
}

export const errorCatalog = {
  BAD_REQUEST: {
    httpStatus: 400,
    description:
      'The HTTP request itself is malformed: the body is not valid JSON, or it lacks a `query` string. Fix the request and send it again.',
  },
  GRAPHQL_PARSE_FAILED: {
    httpStatus: 400,
    description: 'The operation is not valid GraphQL syntax. The message names the line and column.',
  },
  GRAPHQL_VALIDATION_FAILED: {
    httpStatus: 400,
    description:
      'The operation does not match the schema: an unknown field, a missing argument or a wrong type. The message names it.',
  },
  BAD_USER_INPUT: {
    httpStatus: 400,
    description: 'An argument or input value is out of range or malformed. The message names the argument.',
  },
  UNAUTHENTICATED: {
    httpStatus: 401,
    description:
      'No API key or session token was sent, or it is unknown, malformed, revoked or expired. The message says which.',
  },
  FORBIDDEN: {
    httpStatus: 403,
    description:
      'The key or session is valid but lacks the scope or role a field needs. The message names both.',
  },
  NOT_FOUND: {
    httpStatus: 404,
    description: 'The path or the requested object does not exist.',
  },
  PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    description:
      'The request body is larger than the endpoint accepts (1 MB for GraphQL). Send less per request, e.g. split an ingest batch.',
  },
  REQUEST_HEADER_FIELDS_TOO_LARGE: {
    httpStatus: 431,
    description:
      'The request line or its headers are too long (16 kB in all). Send long operations in a POST body rather than in the URL.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    httpStatus: 200,
    description:
      'The operation hash is not known yet: send the full query once with its hash, or register it in the safelist.',
  },
  OPERATION_LIMIT_EXCEEDED: {
    httpStatus: 400,
    description:
      'The operation is too large: too deep, too many aliases, root fields or directives, or too many bytes. `extensions.violations` names each limit with its maximum and the actual value.',
  },
  COST_LIMIT_EXCEEDED: {
    httpStatus: 400,
    description:
      'The static cost estimate of the operation exceeds the limit of the plan. The error gives the estimate and the limit.',
  },
  RATE_LIMITED: {
    httpStatus: 429,
    description:
      'Too many requests or cost points in the current window. Wait for the seconds given in `Retry-After`.',
  },
  DUPLICATE_PARTNER_NAME: {
    httpStatus: 409,
    description:
      'A partner with the same name (ignoring case and spaces) exists already; `extensions.partnerId` names it. Open that partner instead, or onboard again with `allowDuplicateName: true` when it really is another organisation.',
  },
  PARTNER_SUSPENDED: {
    httpStatus: 403,
    description:
      'The partner organisation is suspended by Meridian: its keys are refused, and its people may only sign in and out, see keys, usage and invoices, and revoke keys; anything else they write (keys, safelists, invitations) is refused, and open subscriptions end. Contact Meridian; everything works again once the partner is reactivated.',
  },
  PERIOD_NOT_ENDED: {
    httpStatus: 409,
    description:
      "An invoice was to be issued for a month that has not ended, so it would miss the rest of the month's usage. Issue it once the month is over, or (admins) give `overrideReason` to issue it now; the reason is kept on the invoice.",
  },
  BILLING_PROFILE_MISSING: {
    httpStatus: 409,
    description:
      'The partner has no billing profile (legal name, address, country, VAT id, billing e-mail), which every issued invoice must name. Set it with `setBillingProfile`, then issue the invoice.',
  },
  QUOTA_EXCEEDED: {
    httpStatus: 429,
    description:
      "The partner's monthly quota is used up and its plan has no overage price. It resets at the start of the next month (see `Retry-After`), or change to a plan with overage.",
  },
  DOWNSTREAM_SERVICE_ERROR: {
    httpStatus: 200,
    plainHttpStatus: 502,
    description:
      'A subgraph failed or could not be reached. The data the other subgraphs could give is still returned; `extensions.serviceName` names the one that failed.',
  },
  GATEWAY_TIMEOUT: {
    httpStatus: 504,
    description: 'A subgraph did not answer in time. Retry later; the error names the subgraph.',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    httpStatus: 400,
    description: 'The request used a persisted-query extension this endpoint does not accept.',
  },
  OPERATION_RESOLUTION_FAILURE: {
    httpStatus: 400,
    description:
      'The document holds several operations and the request did not name one with `operationName`, or named one it does not have.',
  },
  SUBSCRIPTION_OVERFLOW: {
    httpStatus: 200,
    description:
      'A subscriber fell too far behind a stream whose events cannot be skipped, so the gateway ended the subscription. Subscribe again; read faster or ask for fewer events.',
  },
  SERVICE_UNAVAILABLE: {
    httpStatus: 503,
    description: 'The service is starting or shutting down. Retry in a few seconds.',
  },
  INTERNAL_SERVER_ERROR: {
    httpStatus: 500,
    description:
      'An unexpected failure. Details are logged on the server and never sent to clients in production.',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalog, value);
}

/** A GraphQL error whose `extensions.code` comes from the catalog. */
export function codedError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The JSON body of a request rejected before GraphQL execution, in the GraphQL response shape. */
export function errorBody(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): { errors: { message: string; extensions: Record<string, unknown> }[] } {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}
