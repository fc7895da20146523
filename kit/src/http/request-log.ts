/**
 * The request id every answer carries and the log line of every request, written once it is answered.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type express from 'express';
import type { Logger } from '../log';

/** Header carrying the request id: taken from the caller when well formed, made up otherwise, echoed back. */
export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id, echoes it in the response, and logs the request when it is answered. */
export function requestLog(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const given = req.headers[REQUEST_ID_HEADER];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, id);
    res.locals.requestId = id;
    const started = performance.now();
    res.on('finish', () => {
      const failed = res.statusCode >= 500;
      // Most answers are logged at debug level, usually off: then nothing is put together for them.
      if (!failed && !logger.isLevelEnabled('debug')) return;
      const fields = {
        requestId: id,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (failed) logger.warn(fields, 'request failed');
      else logger.debug(fields, 'request');
    });
    next();
  };
}
