/**
 * How the explorer talks to the gateway: each operation goes out with the credentials the developer chose
 * (the portal session, or one of their API keys), exactly as `curl` would send them, so the gateway applies
 * that key's scopes and limits. Credentials typed into GraphiQL's Headers tab win over the picker, as `-H`
 * would. Queries and mutations are POSTed to `/graphql`; subscriptions run over graphql-ws on the same
 * address, and each event is handed to GraphiQL as it arrives.
 */
import { createClient, type Client } from 'graphql-ws';
import { getOperationAST, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { GRAPHQL_PATH } from './graphql';
import { accessToken, exchange } from './session';

/** Who the explorer runs as. A key's secret lives in this page's memory only, never in storage. */
export type Credentials =
  { readonly kind: 'session' } | { readonly kind: 'key'; readonly label: string; readonly secret: string };

export interface OperationRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

/** The credential headers GraphiQL's Headers tab may carry, matched without regard to case. */
const CREDENTIAL_HEADERS = new Set(['x-api-key', 'authorization']);

/** The Headers tab as strings, split into credentials and everything else. */
function splitHeaders(headers: Readonly<Record<string, unknown>> | undefined) {
  const credentials: Record<string, string> = {};
  const others: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (CREDENTIAL_HEADERS.has(name.toLowerCase())) credentials[name.toLowerCase()] = text;
    else others[name] = text;
  }
  return { credentials, others };
}

/** An answer made here rather than by the gateway, shaped like the gateway's. */
function refusalResult(message: string, code: string): ExecutionResult {
  return { errors: [{ message, extensions: { code } }] } as unknown as ExecutionResult;
}

/**
 * The request as it should go out, and whether it is a subscription. GraphiQL can keep the name of an
 * operation that is no longer in the editor (after an example or a share link replaced the text): a name
 * the document does not have is dropped when the document has a single operation, which is then the one run.
 * The text sent is parsed here rather than taken from GraphiQL's parsed document, which can still be the old
 * one just after the text was replaced (a subscription would then go out over HTTP, under the old name).
 */
function prepared(request: OperationRequest): {
  readonly request: OperationRequest;
  readonly subscription: boolean;
} {
  let parsed: DocumentNode;
  try {
    parsed = parse(request.query);
  } catch {
    // Not valid GraphQL: the gateway says what is wrong with it.
    return { request, subscription: false };
  }
  const named = getOperationAST(parsed, request.operationName ?? undefined);
  const operation = named ?? getOperationAST(parsed);
  const fixed = named || !operation ? request : { ...request, operationName: operation.name?.value ?? null };
  return { request: fixed, subscription: operation?.operation === 'subscription' };
}

/** The credential headers to send (the Headers tab's, else the picker's), or why there are none. */
async function credentialHeaders(
  credentials: Credentials,
  typed: Record<string, string>,
): Promise<{ readonly headers: Record<string, string> } | { readonly refused: ExecutionResult }> {
  if (Object.keys(typed).length > 0) return { headers: typed };
  if (credentials.kind === 'session') return { headers: { authorization: `Bearer ${await accessToken()}` } };
  if (!credentials.secret) {
    return {
      refused: refusalResult(
        `Paste the secret of ${credentials.label} into "Key secret" first (it was shown once, when the key was created).`,
        'UNAUTHENTICATED',
      ),
    };
  }
  return { headers: { 'x-api-key': credentials.secret } };
}

async function overHttp(
  request: OperationRequest,
  credentials: Credentials,
  headers: ReturnType<typeof splitHeaders>,
): Promise<ExecutionResult> {
  // The session without a typed credential: refreshed and sent once more when the gateway refuses it.
  if (credentials.kind === 'session' && Object.keys(headers.credentials).length === 0) {
    return (await exchange(request, headers.others)) as ExecutionResult;
  }
  const sent = await credentialHeaders(credentials, headers.credentials);
  if ('refused' in sent) return sent.refused;
  const response = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    headers: { ...headers.others, ...sent.headers, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return (await response.json()) as ExecutionResult;
}

/** One query or mutation over HTTP, as `credentials`, answered whole (the explorer reads the schema so). */
export function runOnce(request: OperationRequest, credentials: Credentials): Promise<ExecutionResult> {
  return overHttp(request, credentials, splitHeaders(undefined));
}

/** `ws://` or `wss://` to this page's own gateway. */
function websocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${GRAPHQL_PATH}`;
}

/** A graphql-ws close event as the error GraphiQL shows: the gateway's close code and reason. */
function closedResult(event: unknown): ExecutionResult {
  const { code, reason } = (event ?? {}) as { code?: number; reason?: string };
  return refusalResult(
    `The gateway closed the connection${code ? ` (${code})` : ''}: ${reason || 'no reason given'}`,
    'CONNECTION_CLOSED',
  );
}

/** Each event of one subscription, over a connection of its own that ends with it. */
async function* overWebSocket(
  request: OperationRequest,
  credentials: Credentials,
  headers: ReturnType<typeof splitHeaders>,
): AsyncGenerator<ExecutionResult> {
  const sent = await credentialHeaders(credentials, headers.credentials);
  if ('refused' in sent) {
    yield sent.refused;
    return;
  }
  const client: Client = createClient({
    url: websocketUrl(),
    // The credential at the top level of connection_init, where every client library can put it.
    connectionParams: sent.headers,
    retryAttempts: 0,
    lazy: true,
  });
  const events = client.iterate({
    query: request.query,
    variables: request.variables ?? undefined,
    operationName: request.operationName ?? undefined,
  });
  try {
    // The gateway's answers as they are: GraphiQL shows them as JSON, like an HTTP answer.
    for await (const event of events) yield event as ExecutionResult;
  } catch (failure) {
    // Refused operations arrive as a list of errors; a refused connection as its close event.
    if (Array.isArray(failure)) yield { errors: failure } as ExecutionResult;
    else yield closedResult(failure);
  } finally {
    await events.return?.(undefined);
    await client.dispose();
  }
}

/**
 * A GraphiQL fetcher running as `credentials()` (read at each run, so a change in the picker applies to the
 * next one).
 */
export function explorerFetcher(credentials: () => Credentials) {
  return (
    request: OperationRequest,
    options?: { headers?: Record<string, unknown>; documentAST?: DocumentNode },
  ): Promise<ExecutionResult> | AsyncGenerator<ExecutionResult> => {
    const headers = splitHeaders(options?.headers);
    const { request: sent, subscription } = prepared(request);
    return subscription
      ? overWebSocket(sent, credentials(), headers)
      : overHttp(sent, credentials(), headers);
  };
}
