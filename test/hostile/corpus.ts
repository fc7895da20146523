/**
 * The hostile corpus's shared ground: a production-mode platform (no anonymous scopes, a metrics token) with
 * its admin signed in; partners, keys, developers, revocation and suspension through the gateway as the
 * business team does them; requests sent as raw bytes over HTTP from any loopback address (another client,
 * as far as the gateway can tell), each with a deadline; graphql-ws clients and raw sockets; generators of
 * hostile operations; and the checks every refusal must pass.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { MAX_BODY_BYTES } from '@meridian/kit';
import { errorCatalog } from '@meridian/schema';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { DEVELOPMENT_ADMIN, startTestStack, type TestStack } from '../support/platform';

/** The longest any answer may take: a hostile request is refused quickly or it is a hang. */
export const ANSWER_MS = 5_000;
/** The gateway's default MAX_QUERY_BYTES: operation text beyond it is refused before it is parsed. */
export const MAX_QUERY_BYTES = 20_000;
/** The largest JSON body `/graphql` takes. */
export const MAX_BODY = MAX_BODY_BYTES;
/** Node's limit on the request line and headers together, which the gateway keeps. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Every scope a key can carry; the corpus's own plans allow them all. */
export const ALL_SCOPES = ['matches:read', 'telemetry:read', 'telemetry:write', 'billing:read'];

export type Headers = Record<string, string>;

// ---------------------------------------------------------------------------------------------------------
// Raw HTTP

export interface HostileRequest {
  readonly method?: string;
  /** Path and query string on the gateway; `/graphql` when not given. */
  readonly path?: string;
  readonly headers?: Headers;
  readonly body?: string | Buffer;
  /** Sends the body in pieces without a content-length (chunked transfer encoding). */
  readonly chunked?: boolean;
  /** Leaves the body unfinished: the answer must come without the gateway waiting for the rest. */
  readonly unfinished?: boolean;
  /** The loopback address to send from, e.g. `127.0.0.23`. */
  readonly from?: string;
  readonly timeoutMs?: number;
  /** Called once the request (its body included) is on the wire. */
  readonly onSent?: () => void;
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  readonly json: unknown;
  /** Milliseconds from sending the request to the end of the answer. */
  readonly ms: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short description of an answer for failure messages. */
export function summarize(answer: Answer): string {
  return `${answer.status} in ${Math.round(answer.ms)} ms: ${answer.text.slice(0, 400)}`;
}

/**
 * Sends one request on a connection of its own and resolves to the answer, or rejects once `timeoutMs` has
 * passed without a complete one (a hang is a failure, never a wait).
 */
function send(baseUrl: string, request: HostileRequest): Promise<Answer> {
  const url = new URL(request.path ?? '/graphql', baseUrl);
  const timeoutMs = request.timeoutMs ?? ANSWER_MS;
  const body =
    request.body === undefined
      ? undefined
      : Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(request.body, 'utf8');
  const headers: Headers = { ...request.headers };
  if (body && !request.chunked && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(body.length);
  }
  const headerBytes = Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
  const what = `${request.method ?? 'POST'} ${url.pathname}${url.search.slice(0, 60)} (${headerBytes} bytes of headers, ${body?.length ?? 0} of body)`;
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    let responded = false;
    const req = http.request(url, {
      method: request.method ?? 'POST',
      headers,
      agent: false,
      ...(request.from ? { localAddress: request.from } : {}),
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms to ${what}`));
    }, timeoutMs);
    req.on('response', (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`the answer to ${what} broke off: ${error.message}`));
      });
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: parseJson(text),
          ms: performance.now() - started,
        });
        if (request.unfinished) req.destroy();
      });
    });
    req.on('error', (error) => {
      // A gateway may answer and close before it read a body it refused: what counts is the answer.
      if (responded) return;
      setTimeout(() => {
        if (responded) return;
        clearTimeout(timer);
        reject(
          new Error(
            `${what} failed without an answer: ${(error as NodeJS.ErrnoException).code ?? error.message}`,
          ),
        );
      }, 100);
    });
    if (body === undefined) {
      if (!request.unfinished) req.end(() => request.onSent?.());
      return;
    }
    if (request.unfinished) {
      req.write(body, () => request.onSent?.());
      return;
    }
    if (request.chunked) {
      for (let at = 0; at < body.length; at += 16_384) req.write(body.subarray(at, at + 16_384));
    } else req.write(body);
    req.end(() => request.onSent?.());
  });
}

// ---------------------------------------------------------------------------------------------------------
// What a refusal must be

export interface ErrorEntry {
  readonly message?: unknown;
  readonly extensions?: Record<string, unknown>;
}

export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly extensions: Record<string, unknown>;
}

export function isCatalogCode(code: unknown): code is string {
  return typeof code === 'string' && Object.hasOwn(errorCatalog, code);
}

function oneOf<T>(expected: T | readonly T[] | undefined, actual: T): boolean {
  if (expected === undefined) return true;
  return Array.isArray(expected) ? expected.includes(actual) : expected === actual;
}

/** The first error of an answer's body, if it has the GraphQL error shape. */
export function firstError(answer: Answer): ErrorEntry | undefined {
  const errors = (answer.json as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors[0] as ErrorEntry | undefined) : undefined;
}

/**
 * What every refusal must be: an answer (never a 5xx) whose body is `{ errors: [{ message, extensions:
 * { code } }] }` with a code from the catalog, and the status and code the contract names.
 */
export function expectRefusal(
  answer: Answer,
  expected: { status?: number | readonly number[]; code?: string | readonly string[] } = {},
): Refusal {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status} is a server error`);
  // Only a code the catalog answers with 200 (PERSISTED_QUERY_NOT_FOUND) may come without an error status.
  if (answer.status < 400 && !oneOf(expected.status ?? [], answer.status)) {
    problems.push(`status ${answer.status} is not a refusal`);
  }
  if (!oneOf(expected.status, answer.status))
    problems.push(`status is not ${JSON.stringify(expected.status)}`);
  const first = firstError(answer);
  const code = first?.extensions?.code;
  if (!first) problems.push('the body is not { errors: [...] }');
  else {
    if (typeof first.message !== 'string' || first.message.length === 0)
      problems.push('the error has no message');
    if (!isCatalogCode(code)) problems.push(`code ${JSON.stringify(code)} is not in the catalog`);
    if (!oneOf(expected.code, code as string)) problems.push(`code is not ${JSON.stringify(expected.code)}`);
  }
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\n  answer: ${summarize(answer)}`);
  return {
    status: answer.status,
    code: code as string,
    message: first!.message as string,
    extensions: first!.extensions ?? {},
  };
}

export interface LimitNamed {
  readonly limit: string;
  readonly maximum: number;
  readonly actual?: number;
}

/**
 * A limit refusal names the limit and its maximum, in `extensions.violations` or in `extensions` itself, and
 * the actual value where the gateway measured it (`withActual`).
 */
export function expectLimitNamed(refusal: Refusal, withActual: boolean): LimitNamed[] {
  const { violations } = refusal.extensions;
  const named = (Array.isArray(violations) ? violations : [refusal.extensions]) as Partial<LimitNamed>[];
  const problems: string[] = [];
  if (named.length === 0) problems.push('violations is empty');
  for (const item of named) {
    if (typeof item.limit !== 'string' || item.limit.length === 0) problems.push('a limit is not named');
    if (typeof item.maximum !== 'number') problems.push(`limit ${item.limit} has no maximum`);
    // The parser stops at the token limit without counting the rest, so that refusal has no actual count.
    if (withActual && item.limit !== 'tokens') {
      if (typeof item.actual !== 'number') problems.push(`limit ${item.limit} has no actual value`);
      else if (typeof item.maximum === 'number' && item.actual <= item.maximum) {
        problems.push(`limit ${item.limit}: actual ${item.actual} is not over the maximum ${item.maximum}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('; ')}\n  extensions: ${JSON.stringify(refusal.extensions).slice(0, 400)}`,
    );
  }
  return named as LimitNamed[];
}

/** A 429 must say when to come back. */
export function expectRetryAfter(answer: Answer): number {
  const seconds = Number(answer.headers['retry-after']);
  if (!(seconds > 0)) throw new Error(`no Retry-After on a 429\n  answer: ${summarize(answer)}`);
  return seconds;
}

// ---------------------------------------------------------------------------------------------------------
// Waiting

/** Resolves as `promise` does, or rejects once `ms` have passed: every await of the corpus is bounded. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Waits until `condition` holds, checking every 20 ms, or rejects after `ms`. */
export async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ---------------------------------------------------------------------------------------------------------
// The platform

export interface Partner {
  readonly id: string;
  readonly name: string;
}

export interface Key {
  readonly id: string;
  readonly secret: string;
  readonly headers: Headers;
}

export interface Developer {
  readonly email: string;
  readonly password: string;
  /** The headers of the session accepting the invitation opened. */
  readonly headers: Headers;
}

const CREATE_PLAN = 'mutation ($input: PlanInput!) { createPlan(input: $input) { id } }';
const CREATE_PARTNER =
  'mutation ($name: String!, $plan: ID!, $customer: ID) { createPartner(name: $name, planId: $plan, customerId: $customer) { id name } }';
const CREATE_KEY =
  'mutation ($p: ID!, $s: [String!]!, $only: Boolean) { createApiKey(partnerId: $p, name: "hostile", scopes: $s, safelistOnly: $only) { secret key { id safelistOnly } } }';
const INVITE =
  'mutation ($p: ID!, $email: String!) { inviteUser(partnerId: $p, role: DEVELOPER, email: $email) { token } }';
const ACCEPT =
  'mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, name: "Hostile Developer", password: $password) { accessToken } }';
const LOGIN =
  'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';
const REVOKE_KEY = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }';
const SUSPEND =
  'mutation ($p: ID!) { suspendPartner(partnerId: $p, reason: "test of a suspension") { suspendedAt } }';
const REGISTER =
  'mutation ($p: ID, $ops: [SafelistOperationInput!]!) { registerOperations(partnerId: $p, operations: $ops) { id } }';

export interface PlanInput {
  readonly requestsPerMinute?: number;
  readonly costPointsPerMinute?: number;
  readonly monthlyQuota?: number;
  readonly concurrentSubscriptions?: number;
  readonly allowedScopes?: readonly string[];
}

/**
 * Random text for a password, in pairs of hex digits joined by dots: never four equal characters in a row,
 * which the password rules refuse (plain hex does that about once in 250 passwords).
 */
function passwordPart(bytes: number): string {
  return randomBytes(bytes).toString('hex').match(/../g)!.join('.');
}

/** A production-mode platform with its admin signed in, and the business team's actions on it. */
export class HostilePlatform {
  private constructor(
    readonly stack: TestStack,
    readonly admin: Headers,
    readonly metricsToken: string,
  ) {}

  /**
   * Starts the platform in production mode: no anonymous scopes, secrets of its own, a `METRICS_TOKEN`, and
   * the admin signed in from 127.0.0.1.
   */
  static async start(env: Headers = {}): Promise<HostilePlatform> {
    const adminPassword = `Hostile-${passwordPart(12)}`;
    const metricsToken = randomBytes(24).toString('hex');
    const stack = await startTestStack({
      env: {
        NODE_ENV: 'production',
        PRINCIPAL_SECRET: randomBytes(32).toString('hex'),
        INTERNAL_TOKEN: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD: adminPassword,
        ANONYMOUS_SCOPES: '',
        METRICS_TOKEN: metricsToken,
        ...env,
      },
    });
    const login = await send(
      stack.urls.gateway,
      jsonRequest({ query: LOGIN, variables: { email: DEVELOPMENT_ADMIN.email, password: adminPassword } }),
    );
    const token = (login.json as { data?: { login?: { accessToken?: string } } } | undefined)?.data?.login
      ?.accessToken;
    if (!token) throw new Error(`the admin could not sign in: ${summarize(login)}`);
    return new HostilePlatform(stack, { authorization: `Bearer ${token}` }, metricsToken);
  }

  get gatewayUrl(): string {
    return this.stack.urls.gateway;
  }

  get wsUrl(): string {
    return `${this.stack.urls.gateway.replace(/^http/, 'ws')}/graphql`;
  }

  send(request: HostileRequest): Promise<Answer> {
    return send(this.gatewayUrl, request);
  }

  /** POSTs a JSON body (an object, or a string sent as it is) to `/graphql`. */
  post(body: unknown, headers: Headers = {}, options: Omit<HostileRequest, 'body' | 'headers'> = {}) {
    return this.send({ ...jsonRequest(body, headers), ...options });
  }

  /** GETs `/graphql` with the operation in the query string, as Apollo's CSRF rules allow. */
  get(params: Record<string, string>, headers: Headers = {}, options: Omit<HostileRequest, 'method'> = {}) {
    return this.send({
      method: 'GET',
      path: `/graphql?${new URLSearchParams(params).toString()}`,
      headers: { 'apollo-require-preflight': 'true', ...headers },
      ...options,
    });
  }

  /** Runs an operation that must succeed; resolves to its data. */
  async gql<Data>(query: string, variables: Record<string, unknown>, headers: Headers): Promise<Data> {
    const answer = await this.post({ query, variables }, headers);
    const body = answer.json as { data?: Data; errors?: unknown[] } | undefined;
    if (answer.status !== 200 || !body?.data || body.errors) {
      throw new Error(`${query.slice(0, 60)}… failed: ${summarize(answer)}`);
    }
    return body.data;
  }

  asAdmin<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    return this.gql<Data>(query, variables, this.admin);
  }

  /** A plan of the corpus's own: by default every scope and budgets no test reaches by accident. */
  async createPlan(name: string, input: PlanInput = {}): Promise<string> {
    const { createPlan } = await this.asAdmin<{ createPlan: { id: string } }>(CREATE_PLAN, {
      input: {
        name: `${name} ${randomBytes(3).toString('hex')}`,
        monthlyPriceCents: 0,
        requestsPerMinute: input.requestsPerMinute ?? 100_000,
        costPointsPerMinute: input.costPointsPerMinute ?? 10_000_000,
        monthlyQuota: input.monthlyQuota ?? 10_000_000,
        concurrentSubscriptions: input.concurrentSubscriptions ?? 50,
        allowedScopes: input.allowedScopes ?? ALL_SCOPES,
        overageCentsPerThousand: 0,
      },
    });
    return createPlan.id;
  }

  /** `customerId`: the customer (an airline, say) whose own data the partner's keys reach. */
  async createPartner(name: string, planId: string, customerId?: string): Promise<Partner> {
    const { createPartner } = await this.asAdmin<{ createPartner: Partner }>(CREATE_PARTNER, {
      name: `${name} ${randomBytes(3).toString('hex')}`,
      plan: planId,
      customer: customerId ?? null,
    });
    return createPartner;
  }

  async createKey(
    partnerId: string,
    scopes: readonly string[],
    options: { safelistOnly?: boolean } = {},
  ): Promise<Key> {
    const { createApiKey } = await this.asAdmin<{
      createApiKey: { secret: string; key: { id: string; safelistOnly: boolean } };
    }>(CREATE_KEY, { p: partnerId, s: scopes, only: options.safelistOnly ?? false });
    if (createApiKey.key.safelistOnly !== (options.safelistOnly ?? false)) {
      throw new Error('billing did not mark the key as asked');
    }
    return {
      id: createApiKey.key.id,
      secret: createApiKey.secret,
      headers: { 'x-api-key': createApiKey.secret },
    };
  }

  /** Invites a developer to a partner and accepts the invitation: an account that can sign in. */
  async createDeveloper(partnerId: string, label: string): Promise<Developer> {
    const email = `${label}-${randomBytes(4).toString('hex')}@hostile.example`;
    const password = `Dev-${passwordPart(10)}!`;
    const { inviteUser } = await this.asAdmin<{ inviteUser: { token: string } }>(INVITE, {
      p: partnerId,
      email,
    });
    const { acceptInvitation } = await this.gql<{ acceptInvitation: { accessToken: string } }>(
      ACCEPT,
      { token: inviteUser.token, password },
      {},
    );
    return { email, password, headers: { authorization: `Bearer ${acceptInvitation.accessToken}` } };
  }

  /** One sign-in attempt, as a client at `from` sends it; resolves to the answer, whatever it is. */
  signIn(email: string, password: string, from?: string, headers: Headers = {}): Promise<Answer> {
    return this.post({ query: LOGIN, variables: { email, password } }, headers, from ? { from } : {});
  }

  async revokeKey(keyId: string): Promise<void> {
    await this.asAdmin(REVOKE_KEY, { id: keyId });
  }

  async suspendPartner(partnerId: string): Promise<void> {
    await this.asAdmin(SUSPEND, { p: partnerId });
  }

  async registerOperations(partnerId: string, texts: readonly string[]): Promise<void> {
    await this.asAdmin(REGISTER, { p: partnerId, ops: texts.map((text) => ({ text })) });
  }

  /** The gateway's Prometheus text, read with the metrics token. */
  async metrics(): Promise<string> {
    const answer = await this.send({
      method: 'GET',
      path: '/metrics',
      headers: { authorization: `Bearer ${this.metricsToken}` },
    });
    if (answer.status !== 200) throw new Error(`/metrics with the token: ${summarize(answer)}`);
    return answer.text;
  }

  /** The sum of every sample whose line matches `pattern` (its first group is the value). */
  async metric(pattern: RegExp): Promise<number> {
    const text = await this.metrics();
    return [...text.matchAll(new RegExp(pattern.source, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
  }

  /** Fetches the subgraphs made: a refusal "before any subgraph is called" leaves it where it was. */
  subgraphFetches(): Promise<number> {
    return this.metric(/^meridian_gateway_subgraph_fetch_duration_seconds_count\{[^}]*\} (\d+)$/);
  }
}

export function jsonRequest(body: unknown, headers: Headers = {}): HostileRequest {
  return {
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** The `extensions.cost` of an answer, when it has one. */
export function costOf(answer: Answer): { estimated?: number; actual?: number } | undefined {
  return (answer.json as { extensions?: { cost?: { estimated?: number; actual?: number } } } | undefined)
    ?.extensions?.cost;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile operations

/**
 * A fragment bomb: each of `levels` fragments spreads the next one twice, so the operation names 2^levels
 * fields once fragments are expanded, in a text of a few kilobytes.
 */
export function fragmentBomb(levels = 30, variant: 'named' | 'inline' | 'in-fields' = 'named'): string {
  if (variant === 'in-fields') {
    // Team and Player refer to each other: each fragment selects a field twice and spreads the next inside.
    const fragments = Array.from({ length: levels }, (_, i) =>
      i % 2 === 0
        ? `fragment N${i} on Team { players { ...N${i + 1} } players { ...N${i + 1} } }`
        : `fragment N${i} on Player { team { ...N${i + 1} } team { ...N${i + 1} } }`,
    );
    const last =
      levels % 2 === 0 ? `fragment N${levels} on Team { id }` : `fragment N${levels} on Player { id }`;
    return ['query { teams { ...N0 } }', ...fragments, last].join('\n');
  }
  const body = (next: string) =>
    variant === 'inline' ? `... on User { ...${next} } ... on User { ...${next} }` : `...${next} ...${next}`;
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on User { ${body(`F${i + 1}`)} }`,
  );
  return ['query { me { ...F0 } }', ...fragments, `fragment F${levels} on User { id }`].join('\n');
}

/** The same bomb under a subscription's root field. */
export function subscriptionFragmentBomb(levels = 30): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Frame { ...F${i + 1} ...F${i + 1} }`,
  );
  return [
    'subscription { matchFrames(matchId: "match_0001") { ...F0 } }',
    ...fragments,
    `fragment F${levels} on Frame { frame }`,
  ].join('\n');
}

/** `count` aliases of one field, in short names so the text stays under the byte limit. */
export function aliasBomb(count = 2_500): string {
  return `{ teams { ${Array.from({ length: count }, (_, i) => `a${i.toString(36)}:id`).join(' ')} } }`;
}

/** Team → players → team → … `levels` fields deep. */
export function deepOperation(levels = 200): string {
  let selection = 'id';
  for (let i = levels - 1; i >= 1; i--) selection = `${i % 2 === 1 ? 'players' : 'team'} { ${selection} }`;
  return `{ teams { ${selection} } }`;
}

/** Braces nested `levels` deep: what a recursive parser falls over. */
export function braceBomb(levels = 6_000): string {
  return `${'{a'.repeat(levels)}${'}'.repeat(levels)}`;
}

export function directiveBomb(count = 1_000): string {
  return `{ __typename ${'@include(if:true)'.repeat(count)} }`;
}

/** Thousands of one unknown, repeated directive: refused for its size before anyone looks it up. */
export function tinyDirectiveBomb(count = 5_000): string {
  return `{ __typename ${'@a'.repeat(count)} }`;
}

export function rootFieldBomb(count = 2_000): string {
  return `{ ${'teams{id} '.repeat(count)}}`;
}

/** An operation whose text is `bytes` long, padded with a comment after a trivial selection. */
export function paddedOperation(bytes: number, padding: 'comment' | 'whitespace' = 'comment'): string {
  const head = '{ __typename }\n';
  return padding === 'comment'
    ? `${head}#${'x'.repeat(bytes - head.length - 1)}`
    : `${head}${' '.repeat(bytes - head.length)}`;
}

/** JSON nested `levels` deep: arrays, or objects under `"a"`. */
export function nestedJson(levels: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}1${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

export const LIVE_FRAMES = 'subscription LiveFrames { matchFrames(matchId: "match_0001") { frame period } }';

// ---------------------------------------------------------------------------------------------------------
// graphql-ws

export interface Ending {
  readonly kind: 'error' | 'closed' | 'complete';
  /** The errors of an `error` message, or of a last `next` that carried only errors. */
  readonly errors?: readonly ErrorEntry[];
  readonly code?: number;
  readonly reason?: string;
  /** `performance.now()` when it ended. */
  readonly at: number;
}

export interface Watch<T = Record<string, unknown>> {
  readonly values: T[];
  /** Errors that arrived in `next` messages (a stream may report a refusal that way). */
  readonly nextErrors: ErrorEntry[];
  readonly ending: Promise<Ending>;
  ended(): Ending | undefined;
  stop(): void;
}

/** Every code an ending carries: the error codes of its messages, or none for a bare close. */
export function codesOf(ending: Ending, watch?: Watch): string[] {
  return [...(ending.errors ?? []), ...(watch?.nextErrors ?? [])]
    .map((error) => error.extensions?.code)
    .filter((code): code is string => typeof code === 'string');
}

/** A graphql-ws client of the gateway that never retries; `track` it so the file disposes of it. */
export function wsClient(platform: HostilePlatform, params: Record<string, unknown>): Client {
  return createClient({
    url: platform.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes and records what arrives, and how the subscription ended. */
export function watch<T = Record<string, unknown>>(client: Client, payload: SubscribePayload): Watch<T> {
  const values: T[] = [];
  const nextErrors: ErrorEntry[] = [];
  let ended: Ending | undefined;
  let settle: (ending: Ending) => void = () => undefined;
  const ending = new Promise<Ending>((resolve) => (settle = resolve));
  const finish = (end: Omit<Ending, 'at'>) => {
    if (ended) return;
    ended = { ...end, at: performance.now() };
    settle(ended);
  };
  const stop = client.subscribe<T>(payload, {
    next: (result) => {
      if (result.data) values.push(result.data as T);
      else if (result.errors) nextErrors.push(...(result.errors as ErrorEntry[]));
    },
    error: (error: unknown) => {
      if (Array.isArray(error)) finish({ kind: 'error', errors: error as ErrorEntry[] });
      else if (error && typeof (error as { code?: unknown }).code === 'number') {
        const { code, reason } = error as { code: number; reason?: string };
        finish({ kind: 'closed', code, reason: String(reason ?? '') });
      } else finish({ kind: 'error', errors: [{ message: String(error) }] });
    },
    complete: () => finish({ kind: 'complete', ...(nextErrors.length ? { errors: nextErrors } : {}) }),
  });
  return { values, nextErrors, ending, ended: () => ended, stop };
}

export interface RawSocket {
  readonly messages: Record<string, unknown>[];
  readonly closed: Promise<{ code: number; reason: string }>;
  send(data: string | Buffer | object): void;
  /** Waits for the first message of a type, or rejects after `ms`. */
  next(type: string, ms: number): Promise<Record<string, unknown>>;
  terminate(): void;
}

/**
 * A raw websocket to the gateway's `/graphql` speaking (or abusing) graphql-transport-ws; resolves once
 * it is open.
 */
export function rawSocket(
  platform: HostilePlatform,
  options: { protocol?: string | null; from?: string } = {},
): Promise<RawSocket> {
  const protocol = options.protocol === undefined ? 'graphql-transport-ws' : options.protocol;
  const socket = new WebSocket(platform.wsUrl, protocol === null ? [] : [protocol], {
    ...(options.from ? { localAddress: options.from } : {}),
  });
  const messages: Record<string, unknown>[] = [];
  socket.on('message', (data) => {
    try {
      messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
    } catch {
      messages.push({ type: '(not JSON)', data: data.toString().slice(0, 200) });
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', () => undefined);
  });
  const raw: RawSocket = {
    messages,
    closed,
    send: (data) =>
      socket.send(typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data)),
    next: async (type, ms) => {
      await until(() => messages.some((m) => m.type === type), ms, `a ${type} message`);
      return messages.find((m) => m.type === type)!;
    },
    terminate: () => socket.terminate(),
  };
  return within(
    new Promise<RawSocket>((resolve, reject) => {
      socket.once('open', () => resolve(raw));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      socket.once('error', reject);
    }),
    ANSWER_MS,
    'opening a websocket',
  );
}

/** Waits for the socket to be closed by the gateway, or rejects after `ms`. */
export function closedWithin(raw: RawSocket, ms: number, what: string) {
  return within(raw.closed, ms, `${what}: the gateway did not close the socket`);
}

/** Whether a close code is one of graphql-ws's refusals (44xx), not its internal error 4500. */
export function isProtocolRefusal(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/**
 * Runs every case, each to its end, and then fails once naming each case that did not pass and what it got:
 * one hostile input must not hide what the others do.
 */
export async function expectAll(
  cases: readonly (readonly [string, () => Promise<unknown>])[],
): Promise<void> {
  const failures: string[] = [];
  for (const [label, run] of cases) {
    try {
      await run();
    } catch (error) {
      failures.push(`- ${label}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${cases.length} cases failed:\n${failures.join('\n')}`);
  }
}
