/**
 * The HTTP side every Meridian service shares: an express app with `/healthz`, GraphQL at `/graphql` through
 * Apollo Server, JSON errors with catalog codes for everything that fails before GraphQL runs (bad JSON,
 * unknown paths, oversized bodies), and a listener that reports the URL it really got (port 0 works).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { errorBody, errorCatalog, isErrorCode, type ErrorCode } from '@meridian/schema';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import {
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import http from 'node:http';
import type { Mode } from './env';
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
}

export interface WebSocketOptions {
  readonly schema: GraphQLSchema;
  /**
   * The context of one subscription, from the `connection_init` payload; throwing refuses the connection
   * (close code 4403) with the error's message.
   */
  readonly context: (connectionParams: Readonly<Record<string, unknown>>) => Promise<BaseContext>;
  /** The close code and reason for a refused connection (default 4403 Forbidden). */
  readonly refusal?: (error: unknown) => { readonly code: number; readonly reason: string };
  /** Checks an operation before it runs; errors returned refuse it (the connection stays open). */
  readonly check?: (args: ExecutionArgs) => Promise<readonly GraphQLError[]>;
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
  close(): Promise<void>;
}

/**
 * Every error leaving a service has a catalog code. Errors from resolvers that carry none are internal
 * failures: logged in full, and in production sent without their message.
 */
export function createErrorFormatter(mode: Mode, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
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

function send(res: express.Response, code: ErrorCode, message: string): void {
  res.status(errorCatalog[code].httpStatus).json(errorBody(code, message));
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
  app.use(requestLog(logger));
  const httpServer = http.createServer(app);
  const sockets = options.websocket ? serveWebSockets(httpServer, options.websocket, logger) : undefined;
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

  app.get('/healthz', async (_req, res) => {
    try {
      await options.health();
      res.json({ status: 'ok', service: options.name });
    } catch (error) {
      logger.warn({ err: error }, 'health check failed');
      send(res, 'SERVICE_UNAVAILABLE', `${options.name} is not healthy`);
    }
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, { context: ({ req }) => options.context(req) }),
  );
  options.fallback?.(app);
  app.use((req, res) => send(res, 'NOT_FOUND', `no route for ${req.method} ${req.path}`));
  const onError: ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (error?.type === 'entity.parse.failed') {
      send(res, 'BAD_REQUEST', `the request body is not valid JSON: ${error.message}`);
    } else if (error?.type === 'entity.too.large') {
      send(res, 'BAD_REQUEST', `the request body exceeds ${MAX_BODY_BYTES} bytes`);
    } else if (status >= 400 && status < 500) {
      send(res, 'BAD_REQUEST', String(error?.message ?? 'bad request'));
    } else {
      logger.error({ err: error }, 'unhandled error in HTTP handler');
      send(res, 'INTERNAL_SERVER_ERROR', 'Internal server error');
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
  return {
    url,
    port,
    close: async () => {
      await apollo.stop();
      await closeServer(httpServer);
    },
  };
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
      const fields = {
        requestId: id,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (res.statusCode >= 500) logger.warn(fields, 'request failed');
      else logger.debug(fields, 'request');
    });
    next();
  };
}

/** GraphQL over websockets with graphql-ws; `close()` ends every connection with close code 1001. */
function serveWebSockets(
  server: Server,
  options: WebSocketOptions,
  logger: Logger,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const contexts = new WeakMap<object, BaseContext>();
  const channels = new WeakMap<ExecutionArgs, SubscriptionChannel>();
  const { subscribe } = options;
  const disposable = useServer(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          contexts.set(ctx, await options.context(ctx.connectionParams ?? {}));
          return true;
        } catch (error) {
          const { code, reason } = options.refusal?.(error) ?? { code: WS_FORBIDDEN, reason: 'Forbidden' };
          logger.debug({ err: error, code }, 'websocket connection refused');
          ctx.extra.socket.close(code, reason);
          return false;
        }
      },
      context: (ctx) => contexts.get(ctx) ?? {},
      ...(subscribe ? { subscribe: (args: ExecutionArgs) => subscribe(args, channels.get(args)!) } : {}),
      ...(options.check || subscribe
        ? {
            onSubscribe: async (ctx, id, payload) => {
              let document: DocumentNode;
              try {
                document = parse(payload.query);
              } catch (error) {
                return [error as GraphQLError];
              }
              const args: ExecutionArgs = {
                schema: options.schema,
                document,
                operationName: payload.operationName,
                variableValues: payload.variables,
                contextValue: contexts.get(ctx) ?? {},
              };
              const errors = [
                ...validate(options.schema, document),
                ...((await options.check?.(args)) ?? []),
              ];
              if (errors.length > 0) return errors;
              // graphql-ws hands these same args to `subscribe`, which finds the channel by them.
              channels.set(args, { id, socket: ctx.extra.socket });
              return args;
            },
          }
        : {}),
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
