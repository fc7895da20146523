/**
 * The HTTP side every Meridian service shares: an express app with `/healthz`, GraphQL at `/graphql` through
 * Apollo Server, JSON errors with catalog codes for everything that fails before GraphQL runs (bad JSON,
 * unknown paths, oversized bodies), and a listener that reports the URL it really got (port 0 works).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AddressInfo, Socket } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { codedError, errorBody, errorCatalog, isErrorCode, type ErrorCode } from '@meridian/schema';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseUrl } from 'node:url';
import proxyAddr from 'proxy-addr';
import type { Mode } from './env';
import { closeCodeOf, parseFailure, sendError } from './refusals';
import type { Logger } from './log';

/** Largest JSON body a GraphQL request may have. */
export const MAX_BODY_BYTES = 1_000_000;

export interface HttpServiceOptions<Context extends BaseContext> {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly mode: Mode;
  readonly logger: Logger;
  /** Schema or gateway, and any plugins; the shared options below are added. */
  readonly apollo: ApolloServerOptions<Context>;
  readonly context: (request: Request) => Promise<Context>;
  /** Throws when the service cannot serve (its store is gone, say); `/healthz` answers 503 then. */
  readonly health: () => Promise<void>;
  /** Routes mounted before `/graphql`, e.g. `/readyz` or static files. */
  readonly routes?: (app: Express) => void;
  /** Routes mounted after `/graphql`, before the NOT_FOUND answer: a site served at `/`, say. */
  readonly fallback?: (app: Express) => void;
  /** GraphQL over websockets (graphql-ws) on the same port and path, for subscriptions. */
  readonly websocket?: WebSocketOptions;
  /** Longest operation text (UTF-8 bytes) accepted on every transport; checked before it is parsed. */
  readonly maxQueryBytes?: number;
  /**
   * The addresses of the load balancers in front (proxy-addr's syntax: addresses, CIDR ranges, `loopback`),
   * whose `X-Forwarded-For` names the client: then `req.ip` and a websocket's client address are the
   * client's, not the load balancer's. Unset, every peer is the client itself.
   */
  readonly trustedProxies?: readonly string[];
  /** How long `drain()` keeps serving with `/readyz` answering 503 before the service closes; 0 by default. */
  readonly drainMs?: number;
}

export interface WebSocketOptions {
  readonly schema: GraphQLSchema;
  /**
   * The context of one subscription, from the `connection_init` payload; throwing refuses the connection
   * (close code 4403) with the error's message.
   */
  readonly context: (
    connectionParams: Readonly<Record<string, unknown>>,
    connection: { readonly clientAddress: string },
  ) => Promise<BaseContext>;
  /** Checks an operation before it runs; errors returned refuse it (the connection stays open). */
  readonly check?: (
    args: ExecutionArgs,
    source: { readonly query: string },
  ) => Promise<readonly GraphQLError[]>;
  /**
   * Runs subscriptions in place of graphql-js over `schema`: how the gateway plans and executes them. The
   * channel lets it write `next` messages onto the socket itself (one serialization for many clients).
   */
  readonly subscribe?: (
    args: ExecutionArgs,
    channel: SubscriptionChannel,
  ) => Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
}

/** One client subscription's place on the wire: its graphql-ws id and its connection's socket. */
export interface SubscriptionChannel {
  readonly id: string;
  readonly socket: WebSocket;
}

/** graphql-ws's close code for a refused connection. */
export const WS_FORBIDDEN = 4403;

export interface HttpService {
  readonly url: string;
  readonly port: number;
  /**
   * Starts stopping: `/readyz` answers 503 from now on, so load balancers take the service out, while it goes
   * on serving for `drainMs`; resolves then. `close()` drains first when this was not called.
   */
  drain(): Promise<void>;
  close(): Promise<void>;
}

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

/** What a body over the limit is told: the limit, its maximum and, when declared, the size. */
function bodyTooLarge(res: express.Response, declared?: number): void {
  sendError(res, 'PAYLOAD_TOO_LARGE', `the request body exceeds ${MAX_BODY_BYTES} bytes`, {
    limit: 'bodyBytes',
    maximum: MAX_BODY_BYTES,
    ...(declared === undefined ? {} : { actual: declared }),
  });
}

/** How long the rest of a refused body is read and dropped before the refusal is sent anyway. */
const REFUSED_BODY_DRAIN_MS = 1_000;

/**
 * A body declared larger than the limit is refused without being parsed. The answer waits until the client
 * has sent the rest (read and dropped), or at most a second: answering while the client still writes makes it
 * see a broken pipe rather than the refusal, and a client that stalls mid-body gets its answer anyway.
 * Returns whether the request was refused.
 */
function refusedAsDeclaredTooLarge(req: express.Request, res: express.Response): boolean {
  const header = req.headers['content-length'];
  const declared = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  if (declared === undefined || declared <= MAX_BODY_BYTES) return false;
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    bodyTooLarge(res, declared);
  };
  const timer = setTimeout(answer, REFUSED_BODY_DRAIN_MS);
  req.on('end', answer);
  req.resume();
  return true;
}

export async function startHttpService<Context extends BaseContext>(
  options: HttpServiceOptions<Context>,
): Promise<HttpService> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers sent with `res.send` (GraphQL results, health, metrics): nobody asks for them
  // conditionally, and hashing every body costs CPU on each request. Static files keep their own.
  app.disable('etag');
  const trust = proxyAddr.compile([...(options.trustedProxies ?? [])]);
  app.set('trust proxy', trust);
  app.use(requestLog(logger));
  const httpServer = http.createServer(expressShaped(app), app);
  httpServer.on('clientError', answerClientError);
  const parseOptions = (options.apollo as { parseOptions?: ParseOptions }).parseOptions;
  const sockets = options.websocket
    ? serveWebSockets(httpServer, options.websocket, logger, {
        maxQueryBytes: options.maxQueryBytes,
        parseOptions,
        trust,
      })
    : undefined;
  const apollo = new ApolloServer<Context>({
    ...options.apollo,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Signals are handled once, by the process (see lifecycle.ts).
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(options.mode, logger),
    plugins: [
      ...(options.apollo.plugins ?? []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => sockets?.close() }) },
    ],
  } as ApolloServerOptions<Context>);
  await apollo.start();

  const healthz: express.RequestHandler = async (_req, res) => {
    try {
      await options.health();
      res.json({ status: 'ok', service: options.name });
    } catch (error) {
      logger.warn({ err: error }, 'health check failed');
      sendError(res, 'SERVICE_UNAVAILABLE', `${options.name} is not healthy`);
    }
  };
  let draining: Promise<void> | undefined;
  // A draining service answers 503 to both checks, whatever else they check: load balancers take it out
  // whichever one they watch (the gateway adds its own readiness route).
  app.get(['/healthz', '/readyz'], (_req, res, next) => {
    if (draining) sendError(res, 'SERVICE_UNAVAILABLE', `${options.name} is stopping`);
    else next();
  });
  app.get('/healthz', healthz);
  options.routes?.(app);
  app.get('/readyz', healthz);
  app.use('/graphql', graphqlRoute(apollo, options));
  options.fallback?.(app);
  app.use((req, res) => sendError(res, 'NOT_FOUND', `no route for ${req.method} ${req.path}`));
  const onError: ErrorRequestHandler = (error, _req, res, next) => {
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
  app.use(onError);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const drain = () => {
    draining ??= new Promise<void>((resolve) => {
      if (options.drainMs) logger.info(`draining for ${options.drainMs} ms before stopping`);
      setTimeout(resolve, options.drainMs ?? 0);
    });
    return draining;
  };
  return {
    url,
    port,
    drain,
    close: async () => {
      await drain();
      await apollo.stop();
      await closeServer(httpServer);
    },
  };
}

/**
 * Requests and responses made with express's prototypes from the start. Express gives every request and
 * response its own prototypes as it receives them (`Object.setPrototypeOf`), and an object whose prototype
 * changed after it was made is slower to use everywhere afterwards, in Node's HTTP code as much as in ours:
 * that cost more CPU per request than the rest of express together. Made with the right prototypes, express's
 * change is a no-op and every object has the same shape.
 */
function expressShaped(app: Express): http.ServerOptions {
  // Node's request and response constructors are plain functions, so they can initialise an object made
  // with another prototype; were they ever classes, express would go on changing prototypes as before.
  const isClass = (constructor: object) => Function.prototype.toString.call(constructor).startsWith('class');
  if (isClass(http.IncomingMessage) || isClass(http.ServerResponse)) return {};
  type Initialise = (this: unknown, ...args: unknown[]) => void;
  const initialiseRequest = http.IncomingMessage as unknown as Initialise;
  const initialiseResponse = http.ServerResponse as unknown as Initialise;
  const ShapedRequest = function (this: unknown, socket: Socket) {
    initialiseRequest.call(this, socket);
  } as unknown as typeof http.IncomingMessage;
  ShapedRequest.prototype = app.request;
  const ShapedResponse = function (this: unknown, request: http.IncomingMessage, options: unknown) {
    initialiseResponse.call(this, request, options);
  } as unknown as typeof http.ServerResponse;
  ShapedResponse.prototype = app.response;
  return { IncomingMessage: ShapedRequest, ServerResponse: ShapedResponse };
}

/**
 * Node answers a request line or headers over its limit (and other unparsable requests) with a bare status and
 * no body; this answers them like every other refusal, with a coded JSON body.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
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

/** A GraphQL request parameter as Apollo Server reads it: from a JSON body, else the query string (GET). */
function requestParameter(req: express.Request, name: 'query' | 'extensions'): unknown {
  const body: unknown = req.body;
  if (body && typeof body === 'object') return (body as Record<string, unknown>)[name];
  return req.query[name];
}

/**
 * Refuses an operation text over `maxQueryBytes` before GraphQL parses it, naming the limit and the size, on
 * POST bodies and GET query strings alike. Returns whether the request was refused.
 */
function refusedQueryBytes(
  req: express.Request,
  res: express.Response,
  maxQueryBytes: number | undefined,
): boolean {
  if (maxQueryBytes === undefined) return false;
  const query = requestParameter(req, 'query');
  if (typeof query !== 'string') return false;
  // No character takes more than 3 UTF-8 bytes per UTF-16 unit: a text short enough is not measured.
  if (query.length * 3 <= maxQueryBytes) return false;
  const bytes = Buffer.byteLength(query);
  if (bytes <= maxQueryBytes) return false;
  const violations = [{ limit: 'queryBytes', maximum: maxQueryBytes, actual: bytes }];
  res
    .status(errorCatalog.OPERATION_LIMIT_EXCEEDED.httpStatus)
    .json(
      errorBody(
        'OPERATION_LIMIT_EXCEEDED',
        `the operation is ${bytes} bytes long; the limit is ${maxQueryBytes}`,
        { violations },
      ),
    );
  return true;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * The automatic-persisted-query extension, when a request has one, must be `{ version: 1, sha256Hash }` with a
 * SHA-256 in hex; anything else is the client's mistake, answered 400 rather than looked up. Returns whether
 * the request was refused.
 */
function refusedPersistedQuery(req: express.Request, res: express.Response): boolean {
  let extensions = requestParameter(req, 'extensions');
  if (extensions === undefined) return false;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return false;
    }
  }
  const persisted =
    extensions && typeof extensions === 'object'
      ? (extensions as { persistedQuery?: unknown }).persistedQuery
      : undefined;
  if (persisted === undefined) return false;
  const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
  if (version === 1 && typeof sha256Hash === 'string' && SHA256_HEX.test(sha256Hash)) return false;
  sendError(
    res,
    'BAD_REQUEST',
    'extensions.persistedQuery must be { "version": 1, "sha256Hash": <the SHA-256 of the operation text, 64 hexadecimal digits> }',
  );
  return true;
}

/**
 * `/graphql` as one handler rather than a chain of middlewares (each a trip through the router): the declared
 * body size, the JSON body (express's parser: its refusals reach the error handler as before), the operation's
 * size and persisted-query extension, then Apollo Server.
 */
function graphqlRoute<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: Pick<HttpServiceOptions<Context>, 'context' | 'maxQueryBytes'>,
): express.RequestHandler {
  const parseJson = express.json({ limit: MAX_BODY_BYTES });
  return (req, res, next) => {
    if (refusedAsDeclaredTooLarge(req, res)) return;
    parseJson(req, res, (error?: unknown) => {
      if (error) return next(error);
      try {
        if (refusedQueryBytes(req, res, options.maxQueryBytes) || refusedPersistedQuery(req, res)) return;
        executeGraphQL(apollo, req, res, options.context).catch(next);
      } catch (thrown) {
        next(thrown);
      }
    });
  };
}

/** Content types of Apollo's answers that `res.send` would write unchanged (it only ensures the charset). */
const SENT_AS_IS = new Set([
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
]);

/**
 * Hands the request to Apollo Server and writes its answer, as Apollo's express integration does. A complete
 * answer of the usual kind (a JSON body on a 2xx or 4xx status, to a request with no conditional headers) is
 * written with `res.end`, which is what `res.send` comes down to for it; anything else goes through
 * `res.send`, whose HEAD, 204/205/304, charset and freshness rules then apply.
 */
async function executeGraphQL<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  req: express.Request,
  res: express.Response,
  context: (request: Request) => Promise<Context>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method.toUpperCase(),
      headers,
      search: req.url.includes('?') ? (parseUrl(req.url).search ?? '') : '',
      body: req.body,
    },
    context: () => context(req),
  });
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status || 200;
  if (answer.body.kind === 'complete') {
    const type = res.getHeader('content-type');
    const plain =
      req.method !== 'HEAD' &&
      res.statusCode !== 204 &&
      res.statusCode !== 205 &&
      res.statusCode !== 304 &&
      req.headers['if-none-match'] === undefined &&
      req.headers['if-modified-since'] === undefined &&
      typeof type === 'string' &&
      SENT_AS_IS.has(type) &&
      !res.hasHeader('transfer-encoding');
    if (plain) res.end(answer.body.string);
    else res.send(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) {
    res.write(chunk);
    (res as { flush?: () => void }).flush?.();
  }
  res.end();
}

/** Header carrying the request id: taken from the caller when well formed, made up otherwise, echoed back. */
export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id, echoes it in the response, and logs the request when it is answered. */
function requestLog(logger: Logger): express.RequestHandler {
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

/** Limits every transport applies to an operation's text before and while parsing it. */
interface DocumentLimits {
  readonly maxQueryBytes: number | undefined;
  readonly parseOptions: ParseOptions | undefined;
  /** Which peers are load balancers whose `X-Forwarded-For` is believed. */
  readonly trust: (address: string, hop: number) => boolean;
}

/** A websocket error as graphql-ws sends it: coded, and without the HTTP details only HTTP uses. */
function wsError(error: GraphQLError): GraphQLError {
  if (!error.extensions.http) return error;
  const extensions = { ...error.extensions };
  delete extensions.http;
  return new GraphQLError(error.message, { ...error, extensions });
}

/**
 * Parses, validates and checks one `subscribe` message the way HTTP treats a request: the byte and token
 * limits first, then every refusal as a coded error (sent as a graphql-ws `error` message; the connection
 * stays open). Never throws: graphql-ws would close the connection with 4500 Internal Server Error.
 */
async function prepareSubscription(
  options: WebSocketOptions,
  limits: DocumentLimits,
  payload: { readonly query: string; readonly operationName?: string | null; readonly variables?: unknown },
  contextValue: BaseContext,
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  const bytes = Buffer.byteLength(payload.query);
  if (limits.maxQueryBytes !== undefined && bytes > limits.maxQueryBytes) {
    const violations = [{ limit: 'queryBytes', maximum: limits.maxQueryBytes, actual: bytes }];
    return [
      codedError(
        'OPERATION_LIMIT_EXCEEDED',
        `the operation is ${bytes} bytes long; the limit is ${limits.maxQueryBytes}`,
        { violations },
      ),
    ];
  }
  let document: DocumentNode;
  try {
    document = parse(payload.query, limits.parseOptions);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Syntax Error';
    const failure = parseFailure(message);
    return [codedError(failure.code, message, failure.extensions)];
  }
  const invalid = validate(options.schema, document);
  if (invalid.length > 0) {
    return invalid.map((error) =>
      codedError('GRAPHQL_VALIDATION_FAILED', error.message, { ...error.extensions }),
    );
  }
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) {
    return [
      codedError(
        'OPERATION_RESOLUTION_FAILURE',
        'name the operation to run: the document has none by that name, or several',
      ),
    ];
  }
  const given = payload.variables ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    return [codedError('BAD_USER_INPUT', 'variables must be an object')];
  }
  const coerced = getVariableValues(
    options.schema,
    operation.variableDefinitions ?? [],
    given as Record<string, unknown>,
    { maxErrors: 10 },
  );
  if (coerced.errors) {
    return coerced.errors.map((error) => codedError('BAD_USER_INPUT', error.message));
  }
  const args: ExecutionArgs = {
    schema: options.schema,
    document,
    operationName: payload.operationName,
    // The variables as sent: the gateway plans with them, and its checks fill in defaults themselves.
    variableValues: given as Record<string, unknown>,
    contextValue,
  };
  const refused = (await options.check?.(args, { query: payload.query })) ?? [];
  return refused.length > 0 ? refused.map(wsError) : args;
}

/** GraphQL over websockets with graphql-ws; `close()` ends every connection with close code 1001. */
function serveWebSockets(
  server: Server,
  options: WebSocketOptions,
  logger: Logger,
  limits: DocumentLimits,
): { close(): Promise<void> } {
  // A frame beyond the body limit is refused by `ws` itself (close code 1009) before it is buffered whole.
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_BODY_BYTES });
  const contexts = new WeakMap<object, BaseContext>();
  const channels = new WeakMap<ExecutionArgs, SubscriptionChannel>();
  const { subscribe } = options;
  const disposable = useServer(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          const clientAddress = proxyAddr(ctx.extra.request, limits.trust);
          contexts.set(ctx, await options.context(ctx.connectionParams ?? {}, { clientAddress }));
          return true;
        } catch (error) {
          const { code, reason } = closeCodeOf(error);
          logger.debug({ err: error, code }, 'websocket connection refused');
          ctx.extra.socket.close(code, reason);
          return false;
        }
      },
      context: (ctx) => contexts.get(ctx) ?? {},
      ...(subscribe ? { subscribe: (args: ExecutionArgs) => subscribe(args, channels.get(args)!) } : {}),
      onSubscribe: async (ctx, id, payload) => {
        try {
          const prepared = await prepareSubscription(options, limits, payload, contexts.get(ctx) ?? {});
          if (Array.isArray(prepared)) return prepared as GraphQLError[];
          // graphql-ws hands these same args to `subscribe`, which finds the channel by them.
          channels.set(prepared as ExecutionArgs, { id, socket: ctx.extra.socket });
          return prepared as ExecutionArgs;
        } catch (error) {
          logger.error({ err: error }, 'subscription could not be prepared');
          return [codedError('INTERNAL_SERVER_ERROR', 'Internal server error')];
        }
      },
    },
    wss,
  );
  return {
    close: async () => {
      await disposable.dispose();
    },
  };
}

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
