/**
 * Load for the edge benchmark, from autocannon in the benchmark's own process (never in a gateway's): a fixed
 * number of connections sending GraphQL POSTs for a fixed time or a fixed number of requests. Every
 * response is checked: a non-2xx status or a GraphQL `errors` member counts as an error, and one response in
 * `SAMPLE_EVERY` is parsed whole to make sure it carries data.
 */
import autocannon from 'autocannon';

/** One response in this many is parsed and checked for data, not only scanned for errors. */
const SAMPLE_EVERY = 25;
const REQUEST_TIMEOUT_SECONDS = 30;

export interface LoadRequest {
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  /** Either a duration or a number of requests. */
  readonly seconds?: number;
  readonly amount?: number;
  /** Sent in turn by each connection; or `next` picks each request. */
  readonly requests?: readonly LoadRequest[];
  readonly next?: (sequence: number) => LoadRequest;
  /** Called after every response with the number answered so far. */
  readonly onAnswered?: (answered: number) => void;
}

export interface LoadOutcome {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Non-2xx responses and connection errors (timeouts included). */
  readonly httpErrors: number;
  /** 2xx responses whose body has GraphQL errors or no data. */
  readonly graphqlErrors: number;
  readonly sampled: number;
  /** The first bad answer seen, to show what went wrong. */
  readonly firstError?: string;
}

export async function runLoad(options: LoadOptions): Promise<LoadOutcome> {
  let answered = 0;
  let graphqlErrors = 0;
  let sampled = 0;
  let sent = 0;
  let firstError: string | undefined;
  const bad = (body: string) => {
    graphqlErrors += 1;
    firstError ??= body.slice(0, 300);
  };
  const onResponse = (status: number, body: string) => {
    answered += 1;
    if (status >= 200 && status < 300) {
      if (body.includes('"errors":')) bad(body);
      else if (answered % SAMPLE_EVERY === 0) {
        sampled += 1;
        const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null };
        if (!parsed.data || Object.values(parsed.data).some((value) => value === null)) bad(body);
      }
    } else {
      firstError ??= `HTTP ${status}: ${body.slice(0, 300)}`;
    }
    options.onAnswered?.(answered);
  };
  const base = { method: 'POST' as const, onResponse };
  const requests = options.next
    ? [
        {
          ...base,
          setupRequest: (request: autocannon.Request) => {
            const next = options.next!(sent++);
            return { ...request, body: next.body, headers: { ...request.headers, ...next.headers } };
          },
        },
      ]
    : (options.requests ?? []).map((request) => ({
        ...base,
        body: request.body,
        headers: { 'content-type': 'application/json', ...request.headers },
      }));
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    headers: { 'content-type': 'application/json' },
    timeout: REQUEST_TIMEOUT_SECONDS,
    requests,
  });
  const requestsDone = result.requests.total;
  return {
    requests: requestsDone,
    seconds: result.duration,
    perSecond: requestsDone / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // autocannon counts timeouts among its errors.
    httpErrors: result.non2xx + result.errors,
    graphqlErrors,
    sampled,
    ...(firstError ? { firstError } : {}),
  };
}
