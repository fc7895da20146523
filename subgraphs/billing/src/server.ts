/**
 * Starts the billing subgraph: its store (created, migrated and seeded on first start), the key directory
 * and its batched `last used` writes, the schema with a principal in every context, and the internal
 * routes the gateway calls. Like kit's `startSubgraph`, but it needs the request in the context (for the
 * principal) and extra routes, which `startSubgraph` does not offer yet.
 */
import { createLogger, startHttpService, type RunningService } from '@meridian/kit';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { KeyDirectory, LastUsedRecorder } from './auth/keys';
import type { BillingConfig } from './config';
import { createContext, principalOf, type BillingContext, type BillingServices } from './context';
import { internalRoutes } from './http/internal';
import { buildBillingSchema } from './schema';
import { openBillingStore } from './store';

export async function startBilling(config: BillingConfig): Promise<RunningService> {
  const name = 'billing';
  const logger = createLogger(name, config.logLevel);
  const { store, seeded } = await openBillingStore({ file: config.databaseFile, ...config });
  logger.info(`${seeded ? 'created and seeded' : 'using the existing'} store ${config.databaseFile}`);
  const lastUsed = new LastUsedRecorder(store);
  const now = () => new Date();
  const services: BillingServices = { store, keys: new KeyDirectory(store, lastUsed, now), config, now };
  try {
    const http = await startHttpService<BillingContext>({
      name,
      host: config.host,
      port: config.port,
      mode: config.mode,
      logger,
      // Traces are for Apollo's hosted reporting, which Meridian does not use.
      apollo: { schema: await buildBillingSchema(), plugins: [ApolloServerPluginInlineTraceDisabled()] },
      context: async (request) => createContext(services, await principalOf(services, request.headers)),
      health: () => store.ping(),
      routes: internalRoutes(services, config.internalToken),
    });
    return {
      name,
      url: http.url,
      logger,
      close: async () => {
        await http.close();
        await lastUsed.close();
        await store.close();
      },
    };
  } catch (error) {
    await lastUsed.close();
    await store.close();
    throw error;
  }
}
