/**
 * Bulk telemetry ingest through the edge: `POST /ingest/telemetry` takes the same credentials as GraphQL,
 * needs the `telemetry:write` scope, and is metered. It counts against the caller's request budget (shared
 * with GraphQL) and against two budgets of its own, readings written and request bytes per window (see
 * `ingestPolicy`), never against the cost points queries need. The body is streamed to the telemetry
 * subgraph's `/ingest` with the signed principal, never held whole in the gateway.
 *
 * The usage event of a batch names the operation `ingest:telemetry`; its `cost` is the number of readings
 * written (not GraphQL cost points) and its `bytes` the request body's size.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, type Logger } from '@meridian/kit';
import { errorBody, errorCatalog, isErrorCode, type ErrorCode } from '@meridian/schema';
import type { Request, Response } from 'express';
import type { GatewayContext } from '../context';
import {
  ingestPolicy,
  rateLimitHeaders,
  rateSubject,
  type RateLimits,
  type RatePolicy,
  type RateState,
} from '../limits';
import { ANONYMOUS_ACCOUNT, type Spool } from '../metering';

export const EDGE_INGEST_PATH = '/ingest/telemetry';
export const WRITE_SCOPE = 'telemetry:write';
/** Headers passed on to the subgraph; everything else stays at the edge. */
const FORWARDED = ['content-type', 'content-length', 'idempotency-key'];

export interface IngestProxyOptions {
  /** The telemetry subgraph's ingest endpoint. */
  readonly target: string;
  readonly principalSecret: string;
  readonly identify: (request: Request) => Promise<GatewayContext>;
  readonly limits: RateLimits;
  readonly policyFor: (context: GatewayContext) => RatePolicy;
  readonly spool: Spool | undefined;
  readonly onMetered: () => void;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

function refuse(
  res: Response,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(errorCatalog[code].httpStatus).json(errorBody(code, message, extensions));
}

export function createIngestProxy(options: IngestProxyOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    let context: GatewayContext;
    try {
      context = await options.identify(req);
    } catch (error) {
      const extensions = { ...(error as { extensions?: Record<string, unknown> }).extensions };
      const code = extensions.code;
      delete extensions.code;
      delete extensions.http;
      return refuse(res, isErrorCode(code) ? code : 'UNAUTHENTICATED', (error as Error).message, extensions);
    }
    const { principal } = context;
    let bytes = 0;
    const meter = async (status: number, readings: number) => {
      options.spool?.append({
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        partnerId: principal.partnerId ?? ANONYMOUS_ACCOUNT,
        keyId: principal.keyId ?? ANONYMOUS_ACCOUNT,
        operation: 'ingest:telemetry',
        subgraphs: status === 200 ? ['telemetry'] : [],
        cost: readings,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        outcome: status === 200 ? 'ok' : status >= 500 ? 'error' : 'rejected',
        bytes,
        subscriptionMessages: 0,
      });
      options.onMetered();
    };

    if (!principal.scopes.includes(WRITE_SCOPE)) {
      const identified = Boolean(principal.keyId || principal.userId);
      const code = identified ? 'FORBIDDEN' : 'UNAUTHENTICATED';
      refuse(res, code, `POST ${EDGE_INGEST_PATH} needs the scope ${WRITE_SCOPE}`, {
        missingScopes: [[WRITE_SCOPE]],
      });
      return meter(errorCatalog[code].httpStatus, 0);
    }
    const policy = ingestPolicy(options.policyFor(context));
    const subject = rateSubject(context);
    const declared = declaredLength(req);
    let states: RateState[] = [];
    const showStates = () => {
      const headers = rateLimitHeaders(states);
      res.setHeader('ratelimit-policy', headers.policy);
      res.setHeader('ratelimit', headers.limit);
    };
    const refuseOver = (state: RateState, retryAfter: number, what: string) => {
      showStates();
      res.setHeader('retry-after', String(retryAfter));
      refuse(
        res,
        'RATE_LIMITED',
        `too many ${what}: the limit is ${state.quota} per ${state.windowSeconds} s; retry in ${retryAfter} s`,
        { limit: state.kind, retryAfter },
      );
      return meter(429, 0);
    };

    // Readings are known only once telemetry has parsed them, and the bytes of a body without a length only
    // once it has passed: both are taken afterwards, so a caller whose budget is used up is refused at its
    // next batch. Before the batch, those budgets are only read, so a refused batch costs just a request.
    const admitted = await options.limits.take(subject, policy.base, 'requests', 1);
    const readings = await options.limits.takeIngest(subject, policy, 'readings', 0);
    let bytesLeft = await options.limits.takeIngest(subject, policy, 'bytes', 0);
    states = [admitted.state, readings.state, bytesLeft.state];
    if (!admitted.allowed) return refuseOver(admitted.state, admitted.retryAfterSeconds, 'requests');
    if (readings.state.remaining <= 0) {
      return refuseOver(readings.state, Math.max(1, readings.state.resetSeconds), 'readings');
    }
    if (declared !== undefined && declared > policy.bytes) {
      showStates();
      refuse(
        res,
        'BAD_REQUEST',
        `the body is ${declared} bytes; ingest may send at most ${policy.bytes} bytes per ${policy.base.windowSeconds} s: split the batch`,
        { limit: 'bytes', maximum: policy.bytes, actual: declared },
      );
      return meter(400, 0);
    }
    if (bytesLeft.state.remaining < Math.max(1, declared ?? 0)) {
      return refuseOver(bytesLeft.state, Math.max(1, bytesLeft.state.resetSeconds), 'request bytes');
    }
    if (declared !== undefined) {
      const taken = await options.limits.takeIngest(subject, policy, 'bytes', declared);
      if (!taken.allowed) return refuseOver(taken.state, taken.retryAfterSeconds, 'request bytes');
      bytesLeft = taken;
    }

    const forwarded: http.OutgoingHttpHeaders = {
      [PRINCIPAL_HEADER]: signPrincipal(principal, options.principalSecret),
      [REQUEST_ID_HEADER]: context.requestId,
    };
    for (const name of FORWARDED) if (req.headers[name] !== undefined) forwarded[name] = req.headers[name];
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));

    const upstream = http.request(options.target, {
      method: 'POST',
      headers: forwarded,
      timeout: options.timeoutMs,
    });
    upstream.on('timeout', () =>
      upstream.destroy(new Error(`telemetry did not answer within ${options.timeoutMs} ms`)),
    );
    upstream.on('error', (error) => {
      options.logger.warn({ err: error }, 'telemetry ingest failed');
      if (res.headersSent) return void res.destroy();
      refuse(res, 'DOWNSTREAM_SERVICE_ERROR', 'The telemetry service is unavailable', {
        serviceName: 'telemetry',
      });
      void meter(502, 0);
    });
    upstream.on('response', (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', async () => {
        const status = answer.statusCode ?? 502;
        const body = Buffer.concat(chunks);
        const written = status === 200 ? readingsIn(body) : 0;
        // What the batch used, taken before the answer so that its RateLimit headers say what is left.
        const readingsAfter = await options.limits.takeIngest(subject, policy, 'readings', written);
        const bytesAfter =
          declared === undefined
            ? await options.limits.takeIngest(subject, policy, 'bytes', bytes)
            : bytesLeft;
        states = [admitted.state, readingsAfter.state, bytesAfter.state];
        showStates();
        res.status(status).type('application/json').send(body);
        await meter(status, written);
      });
    });
    req.pipe(upstream);
  };
}

/** How many readings telemetry's receipt says it wrote. */
function readingsIn(receipt: Buffer): number {
  try {
    const readings = (JSON.parse(receipt.toString('utf8')) as { readings?: unknown }).readings;
    return typeof readings === 'number' && Number.isFinite(readings) ? readings : 0;
  } catch {
    return 0;
  }
}

/** The body's declared length, when the request has a valid `content-length`. */
function declaredLength(req: Request): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}
