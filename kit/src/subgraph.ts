/**
 * Starting a subgraph service: its schema served over HTTP with the shared defaults, and its store closed
 * with it. Each subgraph's `server.ts` only opens its store and names its schema and context.
 */
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { describeLocation } from './database';
import type { SubgraphConfig } from './env';
import { startHttpService } from './http';
import type { RunningService } from './lifecycle';
import { createLogger } from './log';

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

export interface SubgraphOptions<Context extends BaseContext, Store extends SubgraphStore> {
  readonly name: string;
  readonly config: SubgraphConfig;
  /** Opens (creating, migrating and seeding when needed) the store at `config.database`. */
  readonly openStore: () => Promise<OpenedStore<Store>>;
  readonly schema: () => Promise<GraphQLSchema>;
  /** A fresh context, with fresh loaders, for each request. */
  readonly context: (store: Store) => Context;
}

export async function startSubgraph<Context extends BaseContext, Store extends SubgraphStore>(
  options: SubgraphOptions<Context, Store>,
): Promise<RunningService> {
  const { name, config } = options;
  const logger = createLogger(name, config.logLevel);
  const { store, seeded } = await options.openStore();
  logger.info(
    `${seeded ? 'created and seeded' : 'using the existing'} store ${describeLocation(config.database)}`,
  );
  try {
    const http = await startHttpService<Context>({
      name,
      host: config.host,
      port: config.port,
      mode: config.mode,
      logger,
      // Traces are for Apollo's hosted reporting, which Meridian does not use.
      apollo: { schema: await options.schema(), plugins: [ApolloServerPluginInlineTraceDisabled()] },
      context: async () => options.context(store),
      health: () => store.ping(),
    });
    return {
      name,
      url: http.url,
      logger,
      close: async () => {
        await http.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
