/**
 * Starting a subgraph service: its store opened (created, migrated and seeded when needed), its schema served
 * over HTTP and, when it has subscriptions, over graphql-ws on the same path, the caller's principal checked
 * on every request and every operation checked against the schema's own access rules for that principal,
 * and everything closed together. Each subgraph's `server.ts` only names its pieces.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { codedError } from '@meridian/schema';
import type { Express } from 'express';
import { getOperationAST, type GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { accessGuardPlugin, createAccessGuard, type AccessGuard } from './access';
import { describeLocation } from './database';
import type { Mode, SubgraphConfig } from './env';
import { startHttpService } from './http';
import type { RunningService } from './lifecycle';
import { createLogger, type Logger } from './log';
import { PRINCIPAL_HEADER, verifyPrincipal, type Principal } from './principal';
import { createPubSub } from './pubsub';
import { refusal } from './refusals';

export interface SubgraphStore {
  /** Resolves when the store answers; `/healthz` reports 503 otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A store just opened: `seeded` says whether it was empty and got the demo data. */
export interface OpenedStore<Store extends SubgraphStore> {
  readonly store: Store;
  readonly seeded: boolean;
}

/** What a subgraph's context is made from, for each request or subscription. */
export interface RequestScope {
  /** Who is calling, as the gateway signed it; null for an unsigned call in development. */
  readonly principal: Principal | null;
  readonly pubSub: PubSub;
}

/** Work a subgraph runs beside its API (a replayer, a demo feed), stopped before the store closes. */
export interface Background {
  close(): Promise<void>;
}

export interface SubgraphOptions<Context extends BaseContext, Store extends SubgraphStore> {
  readonly name: string;
  readonly config: SubgraphConfig;
  /** Opens (creating, migrating and seeding when needed) the store at `config.database`. */
  readonly openStore: () => Promise<OpenedStore<Store>>;
  readonly schema: (pubSub: PubSub) => Promise<GraphQLSchema>;
  /** A fresh context, with fresh loaders, for each request or subscription. */
  readonly context: (store: Store, scope: RequestScope) => Context;
  /** Serve subscriptions over graphql-ws at `/graphql`. */
  readonly subscriptions?: boolean;
  /** Extra HTTP routes, e.g. a bulk ingest endpoint; mounted before `/graphql`. */
  readonly routes?: (app: Express, store: Store, scope: Omit<RequestScope, 'principal'>) => void;
  /** Starts background work once the service is up. */
  readonly background?: (store: Store, pubSub: PubSub, logger: Logger) => Promise<Background>;
}

/**
 * The principal of a call from its header. Outside development every call must carry a valid, fresh
 * signature; in development an unsigned call is let through as anonymous, a badly signed one never is.
 */
export function checkPrincipal(header: unknown, secret: string, mode: Mode): Principal | null {
  const check = verifyPrincipal(typeof header === 'string' ? header : undefined, secret);
  if (check.ok) return check.principal;
  if (check.reason === 'missing' && mode === 'development') return null;
  throw codedError(
    'UNAUTHENTICATED',
    `the call's principal is ${check.reason}: it must come through the gateway`,
    {
      http: { status: 401 },
    },
  );
}

/**
 * Checks every operation over HTTP against the schema's own access rules and the principal the gateway signed
 * into the request (see `access/guard.ts`), before any resolver runs. `startSubgraph` adds it; a subgraph
 * built from kit's parts adds it to its Apollo Server plugins.
 */
export function accessCheckPlugin<Context extends BaseContext>(
  guard: AccessGuard,
  config: Pick<SubgraphConfig, 'principalSecret' | 'mode'>,
): ApolloServerPlugin<Context> {
  return accessGuardPlugin(guard, (request) =>
    checkPrincipal(request.http?.headers.get(PRINCIPAL_HEADER), config.principalSecret, config.mode),
  );
}

export async function startSubgraph<Context extends BaseContext, Store extends SubgraphStore>(
  options: SubgraphOptions<Context, Store>,
): Promise<RunningService> {
  const { name, config } = options;
  const logger = createLogger(name, config.logLevel);
  const pubSub = await createPubSub({ redisUrl: config.redisUrl, channelPrefix: `meridian:${name}:` });
  const { store, seeded } = await options.openStore();
  logger.info(
    `${seeded ? 'created and seeded' : 'using the existing'} store ${describeLocation(config.database)}`,
  );
  const closeAll: (() => Promise<void>)[] = [() => store.close(), () => pubSub.close()];
  const close = async () => {
    for (const step of closeAll.splice(0).reverse()) await step();
  };
  try {
    const schema = await options.schema(pubSub);
    const guard = createAccessGuard(schema);
    // A subscription's principal was verified when its connection opened, maybe longer ago than a signature
    // stays fresh: the check of each subscribe uses that one, found by the connection's context.
    const principals = new WeakMap<object, Principal | null>();
    const http = await startHttpService<Context>({
      name,
      host: config.host,
      port: config.port,
      mode: config.mode,
      logger,
      apollo: {
        schema,
        // Traces are for Apollo's hosted reporting, which Meridian does not use.
        plugins: [ApolloServerPluginInlineTraceDisabled(), accessCheckPlugin(guard, config)],
      },
      context: async (request) =>
        options.context(store, {
          principal: checkPrincipal(request.headers[PRINCIPAL_HEADER], config.principalSecret, config.mode),
          pubSub,
        }),
      health: () => store.ping(),
      routes: options.routes && ((app) => options.routes?.(app, store, { pubSub })),
      websocket: options.subscriptions
        ? {
            schema,
            context: async (params) => {
              const principal = checkPrincipal(params[PRINCIPAL_HEADER], config.principalSecret, config.mode);
              const context = options.context(store, { principal, pubSub });
              principals.set(context, principal);
              return context;
            },
            check: async ({ document, operationName, contextValue }) => {
              const principal = principals.get(contextValue as object);
              if (principal === undefined) {
                return [refusal('UNAUTHENTICATED', 'the subscription has no verified principal')];
              }
              const operation = getOperationAST(document, operationName);
              const refused = operation ? guard.check(document, operation, principal) : undefined;
              return refused ? [refused] : [];
            },
          }
        : undefined,
    });
    closeAll.push(() => http.close());
    if (options.background) {
      const background = await options.background(store, pubSub, logger);
      closeAll.push(() => background.close());
    }
    return { name, url: http.url, logger, close };
  } catch (error) {
    await close();
    throw error;
  }
}
