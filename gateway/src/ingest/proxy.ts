/**
 * Bulk telemetry ingest through the edge: `POST /ingest/telemetry` takes the same credentials as GraphQL,
 * needs the `telemetry:write` scope, counts against the caller's request and cost budgets (one cost point
 * per reading written, taken once telemetry says how many) and is metered. The body is streamed to the
 * telemetry subgraph's `/ingest` with the signed principal, never held whole in the gateway.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, type Logger } from '@meridian/kit';
import { errorBody, errorCatalog, isErrorCode, type ErrorCode } from '@meridian/schema';
import type { Request, Response } from 'express';
import type { GatewayContext } from '../context';
import { rateLimitHeaders, rateSubject, type RateLimits, type RatePolicy } from '../limits';
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
    const policy = options.policyFor(context);
    const subject = rateSubject(context);
    const admitted = await options.limits.take(subject, policy, 'requests', 1);
    // Readings are known only once telemetry has parsed them: they are taken afterwards, so a caller whose
    // cost points are used up is refused at its next batch.
    const points = await options.limits.take(subject, policy, 'cost', 0);
    const headers = rateLimitHeaders([admitted.state, points.state]);
    res.setHeader('ratelimit-policy', headers.policy);
    res.setHeader('ratelimit', headers.limit);
    if (!admitted.allowed || points.state.remaining <= 0) {
      const kind = admitted.allowed ? 'cost' : 'requests';
      const retryAfter = admitted.allowed ? points.state.resetSeconds : admitted.retryAfterSeconds;
      res.setHeader('retry-after', String(retryAfter));
      refuse(
        res,
        'RATE_LIMITED',
        `too many ${kind === 'cost' ? 'readings' : 'requests'}; retry in ${retryAfter} s`,
        {
          limit: kind,
          retryAfter,
        },
      );
      return meter(429, 0);
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
        res.status(status).type('application/json').send(body);
        const readings = status === 200 ? readingsIn(body) : 0;
        if (readings > 0) await options.limits.take(subject, policy, 'cost', readings);
        await meter(status, readings);
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
