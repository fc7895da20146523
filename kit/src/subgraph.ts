/**
 * Starting a subgraph service: its store opened (created, migrated and seeded when needed), its schema served
 * over HTTP and, when it has subscriptions, over graphql-ws on the same path, the caller's principal checked
 * on every request and every operation checked against the schema's own access rules for that principal,
 * its change feed (`changes.ts`: every mutation announced), and everything closed together. Each subgraph's `server.ts` only names its pieces.
 */
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { codedError } from '@meridian/schema';
import type { Express } from 'express';
import { getOperationAST, type GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { accessGuardPlugin, createAccessGuard } from './access';
import { mutationChangesPlugin, serveChanges } from './changes';
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
interface Background {
  close(): Promise<void>;
}

export interface SubgraphOptions<Context extends BaseContext, Store extends SubgraphStore> {
  readonly name: string;
  readonly config: SubgraphConfig;
  /** Opens (creating, migrating and seeding when needed) the store at `config.database`. */
  /** Opens the store; `logger` is the service's, for work the store starts beside it (a writer thread). */
  readonly openStore: (logger: Logger) => Promise<OpenedStore<Store>>;
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
 * Each context carries the principal verified when it was made (an HTTP request's, or a connection's, maybe
 * longer ago than a signature stays fresh), which the access guard checks every operation on it with. A
 * symbol property, so Apollo Server's copy of a request's context keeps it.
 */
const VERIFIED = Symbol('verified principal');

function verifiedOf(context: unknown): Principal | null | undefined {
  return (context as { [VERIFIED]?: Principal | null } | undefined)?.[VERIFIED];
}

export async function startSubgraph<Context extends BaseContext, Store extends SubgraphStore>(
  options: SubgraphOptions<Context, Store>,
): Promise<RunningService> {
  const { name, config } = options;
  const logger = createLogger(name, config.logLevel);
  const pubSub = await createPubSub({ redisUrl: config.redisUrl, channelPrefix: `meridian:${name}:` });
  const { store, seeded } = await options.openStore(logger);
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
    const contextFor = (principal: Principal | null): Context =>
      Object.assign(options.context(store, { principal, pubSub }), { [VERIFIED]: principal });
    const http = await startHttpService<Context>({
      name,
      host: config.host,
      port: config.port,
      mode: config.mode,
      drainMs: config.drainMs,
      logger,
      apollo: {
        schema,
        // Traces are for Apollo's hosted reporting, which Meridian does not use.
        plugins: [
          ApolloServerPluginInlineTraceDisabled(),
          accessGuardPlugin<Context>(guard, (context) => verifiedOf(context) ?? null),
          mutationChangesPlugin<Context>(pubSub),
        ],
      },
      context: async (request) =>
        contextFor(checkPrincipal(request.headers[PRINCIPAL_HEADER], config.principalSecret, config.mode)),
      health: () => store.ping(),
      routes: (app) => {
        serveChanges(app, pubSub, config.internalToken);
        options.routes?.(app, store, { pubSub });
      },
      websocket: options.subscriptions
        ? {
            schema,
            context: async (params) =>
              contextFor(checkPrincipal(params[PRINCIPAL_HEADER], config.principalSecret, config.mode)),
            check: async ({ document, operationName, contextValue }) => {
              const principal = verifiedOf(contextValue);
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
