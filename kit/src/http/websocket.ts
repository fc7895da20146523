/**
 * GraphQL over websockets (graphql-ws) on the HTTP service's port and path, for subscriptions: each
 * `subscribe` message is held to the same limits and refused with the same codes as an HTTP request, and a
 * refused connection is closed with the close code of its error.
 */
import type { Server } from 'node:http';
import type { BaseContext } from '@apollo/server';
import { codedError } from '@meridian/schema';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ParseOptions,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import proxyAddr from 'proxy-addr';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log';
import { closeCodeOf, parseFailure } from '../refusals';
import { MAX_BODY_BYTES } from './graphql-route';

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

/** Limits every transport applies to an operation's text before and while parsing it. */
export interface DocumentLimits {
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
export function serveWebSockets(
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
