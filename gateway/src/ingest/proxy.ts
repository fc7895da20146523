/**
 * Bulk telemetry ingest through the edge: `POST /ingest/telemetry` is the ingest door of the edge pipeline. It
 * takes the same credentials as GraphQL and passes the same rules as the `ingestReadings` mutation it stands
 * for (so it needs that field's scope, `telemetry:write`, and a safelist-only key cannot use it), and is metered. It counts against the caller's request budget (shared
 * with GraphQL) and against two budgets of its own, readings written and request bytes per window (see
 * `ingestPolicy`), never against the cost points queries need. The body is streamed to the telemetry
 * subgraph's `/ingest` with the signed principal, never held whole in the gateway.
 *
 * The usage event of a batch names the operation `ingest:telemetry`; its `cost` is the number of readings
 * written (not GraphQL cost points) and its `bytes` the request body's size.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { REQUEST_ID_HEADER } from '@meridian/kit/http';
import type { Logger } from '@meridian/kit/log';
import { PRINCIPAL_HEADER, signPrincipal } from '@meridian/kit/principal';
import { codeOf, httpStatusOf, sendError } from '@meridian/kit/refusals';
import { getOperationAST, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Request, Response } from 'express';
import { request } from 'undici';
import type { GatewayContext } from '../request';
import {
  ingestPolicy,
  rateLimitHeaders,
  rateSubject,
  type RateLimits,
  type RatePolicy,
  type RateState,
} from '../limits';
import type { EdgePipeline } from '../pipeline';
import { ANONYMOUS_ACCOUNT, type Spool } from '../metering';

export const EDGE_INGEST_PATH = '/ingest/telemetry';
/** The operation a batch stands for: its access rules are that field's, as the supergraph declares them. */
const INGEST_DOCUMENT = parse('mutation IngestTelemetry { ingestReadings { __typename } }');
const INGEST_OPERATION = getOperationAST(INGEST_DOCUMENT) as OperationDefinitionNode;
/** Headers passed on to the subgraph; everything else stays at the edge. */
const FORWARDED = ['content-type', 'content-length', 'idempotency-key'];

export interface IngestProxyOptions {
  /** The telemetry subgraph's ingest endpoint. */
  readonly target: string;
  readonly principalSecret: string;
  readonly identify: (request: Request) => Promise<GatewayContext>;
  readonly pipeline: EdgePipeline;
  /** The API schema the ingest operation is checked against. */
  readonly schema: GraphQLSchema;
  readonly limits: RateLimits;
  readonly policyFor: (context: GatewayContext) => RatePolicy;
  readonly spool: Spool | undefined;
  readonly onMetered: () => void;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export function createIngestProxy(options: IngestProxyOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    let context: GatewayContext | undefined;
    let bytes = 0;
    const meter = async (status: number, readings: number) => {
      const principal = context?.principal;
      const outcome = status === 200 ? 'ok' : status >= 500 ? 'error' : 'rejected';
      options.spool?.append({
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        partnerId: principal?.partnerId ?? ANONYMOUS_ACCOUNT,
        keyId: principal?.keyId ?? ANONYMOUS_ACCOUNT,
        operation: 'ingest:telemetry',
        subgraphs: status === 200 ? ['telemetry'] : [],
        cost: readings,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        outcome,
        bytes,
        subscriptionMessages: 0,
        // Batches are charged to keys (the monthly quota counts operations, not batches) unless refused.
        billable: principal?.keyId !== undefined && outcome !== 'rejected',
        requestId: context?.requestId || null,
        status,
        errorCode: null,
      });
      options.onMetered();
    };
    let states: RateState[] = [];
    const showStates = () => {
      if (states.length === 0) return;
      const headers = rateLimitHeaders(states);
      res.setHeader('ratelimit-policy', headers.policy);
      res.setHeader('ratelimit', headers.limit);
    };
    try {
      context = await options.identify(req);
      await options.pipeline.run({
        door: 'ingest',
        context,
        schema: options.schema,
        document: INGEST_DOCUMENT,
        operation: INGEST_OPERATION,
        variables: {},
        queryHash: undefined,
        fromSafelist: false,
      });
    } catch (error) {
      const code = codeOf(error);
      if (!code) throw error;
      const extensions = { ...(error as { extensions?: Record<string, unknown> }).extensions };
      delete extensions.code;
      delete extensions.http;
      states = context?.ledger.rateStates ?? [];
      showStates();
      if (typeof extensions.retryAfter === 'number')
        res.setHeader('retry-after', String(extensions.retryAfter));
      sendError(res, code, (error as Error).message, extensions);
      // A caller that could not be identified is not metered: there is no account to meter it to.
      if (context) await meter(httpStatusOf(error), 0);
      return;
    }
    const identified = context;
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      sendError(
        res,
        'BAD_REQUEST',
        `content-encoding ${JSON.stringify(encoding).slice(0, 40)} is not accepted: send the batch uncompressed`,
        { argument: 'content-encoding' },
      );
      return meter(400, 0);
    }
    const policy = ingestPolicy(options.policyFor(identified));
    const subject = rateSubject(identified);
    const declared = declaredLength(req);
    const refuseOver = (state: RateState, retryAfter: number, what: string) => {
      showStates();
      res.setHeader('retry-after', String(retryAfter));
      sendError(
        res,
        'RATE_LIMITED',
        `too many ${what}: the limit is ${state.quota} per ${state.windowSeconds} s; retry in ${retryAfter} s`,
        { limit: state.kind, retryAfter },
      );
      return meter(429, 0);
    };
    /** A body larger than a whole window's byte budget: no wait makes it fit. */
    const refuseTooLarge = (actual: number | undefined) => {
      showStates();
      sendError(
        res,
        'PAYLOAD_TOO_LARGE',
        `the body ${actual === undefined ? 'exceeds' : `is ${actual} bytes;`} ${policy.bytes} bytes are all that ingest may send per ${policy.base.windowSeconds} s: split the batch`,
        { limit: 'bytes', maximum: policy.bytes, ...(actual === undefined ? {} : { actual }) },
      );
      return meter(413, 0);
    };

    // Readings are known only once telemetry has parsed them, and the bytes of a body without a length only
    // once it has passed: both are taken afterwards, so a caller whose budget is used up is refused at its
    // next batch. Before the batch, those budgets are only read, so a refused batch costs just a request.
    const admitted = identified.ledger.rateStates ?? [];
    const readings = await options.limits.takeIngest(subject, policy, 'readings', 0);
    let bytesLeft = await options.limits.takeIngest(subject, policy, 'bytes', 0);
    states = [...admitted, readings.state, bytesLeft.state];
    if (readings.state.remaining <= 0) {
      return refuseOver(readings.state, Math.max(1, readings.state.resetSeconds), 'readings');
    }
    if (declared !== undefined && declared > policy.bytes) {
      return refuseTooLarge(declared);
    }
    if (bytesLeft.state.remaining < Math.max(1, declared ?? 0)) {
      return refuseOver(bytesLeft.state, Math.max(1, bytesLeft.state.resetSeconds), 'request bytes');
    }
    if (declared !== undefined) {
      const taken = await options.limits.takeIngest(subject, policy, 'bytes', declared);
      if (!taken.allowed) return refuseOver(taken.state, taken.retryAfterSeconds, 'request bytes');
      bytesLeft = taken;
    }

    const forwarded: Record<string, string | string[]> = {
      [PRINCIPAL_HEADER]: signPrincipal(identified.principal, options.principalSecret),
      [REQUEST_ID_HEADER]: identified.requestId,
    };
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (value !== undefined) forwarded[name] = value;
    }
    // The body goes to telemetry through a stream of its own, so that cutting it off at the byte budget ends
    // telemetry's request without closing the caller's connection, which still gets its refusal.
    const body = new PassThrough();
    const cancel = new AbortController();
    // A body without a length is held to what is left of the byte budget as it streams: past it, telemetry's
    // request is aborted (telemetry writes a batch only once it has all of it, so nothing is written) and the
    // caller is refused, like a body that declared its length.
    let overBudget = false;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (declared !== undefined || overBudget || bytes <= bytesLeft.state.remaining) return;
      overBudget = true;
      req.unpipe(body);
      cancel.abort();
      if (bytesLeft.state.remaining >= policy.bytes) {
        void refuseTooLarge(undefined);
      } else {
        void refuseOver(bytesLeft.state, Math.max(1, bytesLeft.state.resetSeconds), 'request bytes');
      }
    });
    // Telemetry answers once it has the whole batch, so its time to answer runs from the body's end: a large
    // batch streamed slowly by its caller is not cut off while it still arrives.
    let unanswered: NodeJS.Timeout | undefined;
    req.on('end', () => {
      unanswered = setTimeout(
        () => cancel.abort(new Error(`telemetry did not answer within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
    });
    // Telemetry's request ending early (refused, down, cut off above) ends this stream; the caller's request
    // is left to be answered.
    body.on('error', () => undefined);
    req.pipe(body);

    let status: number;
    let answer: Buffer;
    try {
      const upstream = await request(options.target, {
        method: 'POST',
        headers: forwarded,
        body,
        signal: cancel.signal,
        headersTimeout: 0,
        bodyTimeout: options.timeoutMs,
      });
      status = upstream.statusCode;
      answer = Buffer.from(await upstream.body.arrayBuffer());
    } catch (error) {
      clearTimeout(unanswered);
      if (overBudget) return;
      options.logger.warn({ err: error }, 'telemetry ingest failed');
      if (res.headersSent) return void res.destroy();
      sendError(res, 'DOWNSTREAM_SERVICE_ERROR', 'The telemetry service is unavailable', {
        serviceName: 'telemetry',
      });
      return meter(502, 0);
    }
    clearTimeout(unanswered);
    const written = status === 200 ? readingsIn(answer) : 0;
    // What the batch used, taken before the answer so that its RateLimit headers say what is left.
    const readingsAfter = await options.limits.takeIngest(subject, policy, 'readings', written);
    const bytesAfter =
      declared === undefined ? await options.limits.takeIngest(subject, policy, 'bytes', bytes) : bytesLeft;
    states = [...admitted, readingsAfter.state, bytesAfter.state];
    showStates();
    res.status(status).type('application/json').send(answer);
    await meter(status, written);
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
