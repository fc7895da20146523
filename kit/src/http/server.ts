/**
 * The HTTP service every Meridian service runs: an express app with `/healthz` and `/readyz`, GraphQL at
 * `/graphql` through Apollo Server (and over websockets on the same port), the routes a service adds, a
 * coded NOT_FOUND for any other path, and a listener that reports the URL it really got (port 0 works).
 * What each piece does is in the modules beside this one; this one wires them in the order a request meets
 * them.
 */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type Express, type Request } from 'express';
import type { ParseOptions } from 'graphql';
import http from 'node:http';
import proxyAddr from 'proxy-addr';
import type { Mode } from '../env';
import type { Logger } from '../log';
import { sendError } from '../refusals';
import { answerClientError, createErrorFormatter, routeErrorHandler } from './errors';
import { graphqlRoute } from './graphql-route';
import { requestLog } from './request-log';
import { serveWebSockets, type WebSocketOptions } from './websocket';

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
    // Signals are handled once, by the process (see ../lifecycle.ts).
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
  app.use(routeErrorHandler(logger));

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

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
