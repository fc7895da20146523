/**
 * The integration tests' way to run the platform: `startStack()` on free ports with a fresh data folder,
 * logs kept in memory, and a small GraphQL client over real HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoApiKey, DEVELOPMENT_PRINCIPAL_SECRET } from '@meridian/kit';
import { startStack, type Stack, type StackOptions } from '@meridian/stack';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Anonymous test callers read with these: every operator's fleet data too (`telemetry:catalog`). */
export const TEST_ANONYMOUS_SCOPES = 'matches:read,telemetry:read,telemetry:catalog,billing:read';

/** How long each service may take to start; generous, since CI machines are shared. */
const READY_TIMEOUT_MS = 45_000;

export interface TestStack extends Stack {
  readonly dataDir: string;
  /** Every line the services printed, as `name: line`. */
  readonly logs: string[];
}

export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-test-'));
}

/** Every stack a test file started or is starting, so that none outlives the file (see setup.ts). */
const pending = new Set<Promise<Stack>>();

export async function closeAllStacks(): Promise<void> {
  const starts = [...pending];
  pending.clear();
  await Promise.all(
    starts.map((start) =>
      start.then(
        (stack) => stack.close(),
        () => undefined,
      ),
    ),
  );
}

export async function startTestStack(
  options: { dataDir?: string; env?: Record<string, string>; logs?: string[] } & Pick<
    StackOptions,
    'ports'
  > = {},
): Promise<TestStack> {
  const dataDir = options.dataDir ?? freshDataDir();
  const logs = options.logs ?? [];
  const start = startStack({
    ports: { matches: 0, telemetry: 0, billing: 0, gateway: 0, ...options.ports },
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      // Most tests read as an anonymous caller; the edge tests turn this off and use keys.
      ANONYMOUS_SCOPES: TEST_ANONYMOUS_SCOPES,
      ...options.env,
    },
    readyTimeoutMs: READY_TIMEOUT_MS,
    onLine: (name, line) => logs.push(`${name}: ${line}`),
  });
  pending.add(start);
  return { ...(await start), dataDir, logs };
}

export interface GraphQLResult<Data = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: Data | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

export async function post<Data = Record<string, unknown>>(
  url: string,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResult<Data>['body'],
  };
}

/** Runs an operation that must succeed; resolves to its data, and fails the test on any error. */
export async function query<Data>(
  graphqlUrl: string,
  text: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<Data> {
  const { body } = await post<Data>(graphqlUrl, { query: text, variables }, headers);
  expect(body.errors).toBeUndefined();
  return body.data as Data;
}

/** The business team's first admin on a development platform (billing creates it with the demo data). */
export const DEVELOPMENT_ADMIN = { email: 'admin@meridian.example', password: 'meridian-admin-2026!' };

/** Signs in through the gateway; resolves to the headers that carry the session. */
export async function signIn(
  graphqlUrl: string,
  { email, password }: { email: string; password: string } = DEVELOPMENT_ADMIN,
): Promise<Record<string, string>> {
  const login = await post<{ login: { accessToken: string } }>(graphqlUrl, {
    query:
      'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    variables: { email, password },
  });
  if (login.body.errors) throw new Error(`sign-in failed: ${login.body.errors[0]?.message}`);
  return { authorization: `Bearer ${login.body.data!.login.accessToken}` };
}

/** The demo partner's key that billing creates on a development platform. */
export const DEMO_KEY = demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET);

/**
 * A graphql-ws client of a gateway (its http URL, e.g. a stack's `urls.gateway`), sending `params` (the key,
 * say) in connection_init and never reconnecting; `onClose` hears the close code and reason.
 */
export function gatewayClient(
  gatewayUrl: string,
  params: Record<string, unknown>,
  onClose?: (code: number, reason: string) => void,
): Client {
  return createClient({
    url: `${gatewayUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    on: {
      closed: (event) => onClose?.((event as { code: number }).code, (event as { reason: string }).reason),
    },
  });
}
