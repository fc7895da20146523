/**
 * How a service answers what fails: errors of GraphQL execution (every one leaves with a catalog code),
 * errors thrown in an express route (bad JSON, an oversized body, a handler's failure), and requests too
 * malformed for express to see (Node's `clientError`), each as a coded JSON body.
 */
import { errorBody, errorCatalog, isErrorCode, type ErrorCode } from '@meridian/schema';
import type { ErrorRequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Mode } from '../env';
import type { Logger } from '../log';
import { parseFailure, sendError } from '../refusals';
import { bodyTooLarge } from './graphql-route';

/**
 * Every error leaving a service has a catalog code. Errors from resolvers that carry none are internal
 * failures: logged in full, and in production sent without their message.
 */
export function createErrorFormatter(mode: Mode, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_PARSE_FAILED') {
      const failure = parseFailure(formatted.message);
      return {
        ...formatted,
        extensions: { ...formatted.extensions, ...failure.extensions, code: failure.code },
      };
    }
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    logger.error({ err: error }, formatted.message);
    const extensions: Record<string, unknown> = { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' };
    delete extensions.stacktrace;
    return mode === 'production'
      ? {
          message: 'Internal server error',
          path: formatted.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }
      : { ...formatted, extensions };
  };
}

/** The last handler of the app: an error a route threw or passed on, answered with its code. */
export function routeErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (error?.type === 'entity.parse.failed') {
      sendError(res, 'BAD_REQUEST', `the request body is not valid JSON: ${error.message}`);
    } else if (error?.type === 'entity.too.large') {
      bodyTooLarge(res);
    } else if (status >= 400 && status < 500) {
      sendError(res, 'BAD_REQUEST', String(error?.message ?? 'bad request'));
    } else {
      logger.error({ err: error }, 'unhandled error in HTTP handler');
      sendError(res, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };
}

/**
 * Node answers a request line or headers over its limit (and other unparsable requests) with a bare status and
 * no body; this answers them like every other refusal, with a coded JSON body.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW' || error.code === 'HPE_URI_OVERFLOW';
  const code: ErrorCode = tooLarge ? 'REQUEST_HEADER_FIELDS_TOO_LARGE' : 'BAD_REQUEST';
  const body = JSON.stringify(
    tooLarge
      ? errorBody(
          code,
          `the request line and headers exceed ${http.maxHeaderSize} bytes; send long operations in a POST body`,
          { limit: 'headerBytes', maximum: http.maxHeaderSize },
        )
      : errorBody(code, 'the request is not valid HTTP'),
  );
  const status = errorCatalog[code].httpStatus;
  socket.write(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // The client may still be sending the rest of its request: read and drop it for a moment before closing,
  // so that it gets to read this answer instead of a broken pipe.
  socket.on('data', () => undefined);
  socket.on('error', () => undefined);
  setTimeout(() => socket.end(), CLIENT_ERROR_LINGER_MS).unref();
}

/** How long a connection refused for a malformed request is read (and ignored) before it is closed. */
const CLIENT_ERROR_LINGER_MS = 1_000;
