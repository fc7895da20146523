/**
 * Starts the billing subgraph: its store (created, migrated and seeded on first start), pub/sub for key
 * changes, the key directory and its batched `last used` writes, the schema with a principal in every
 * context, every operation checked against the schema's access rules for the gateway's principal (kit's
 * `accessGuardPlugin`, as `startSubgraph` does), and the internal routes the gateway calls. Built from kit's
 * parts rather than `startSubgraph` because billing also accepts the portal access tokens it issues itself,
 * which needs the request's `Authorization` header in the context; `startSubgraph` hands the context only the
 * gateway's principal.
 */
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import {
  accessGuardPlugin,
  announceChange,
  createAccessGuard,
  createLogger,
  createPubSub,
  describeLocation,
  mutationChangesPlugin,
  serveChanges,
  startHttpService,
  type RunningService,
} from '@meridian/kit';
import { CurrentUsers } from './auth/current-users';
import { ensureDemoKey } from './auth/demo-key';
import { KeyDirectory } from './auth/key-directory';
import { LastUsedRecorder } from './auth/key-last-used';
import { AttemptCounter } from './auth/recovery';
import type { BillingConfig } from './config';
import { createContext, principalOf, type BillingContext, type BillingServices } from './context';
import { internalRoutes } from './http/internal';
import { ensureDemoHistory } from './invoices/demo-history';
import { scheduleMonthlyDrafts } from './invoices/drafts';
import { scheduleRequestLogPruning } from './requests/pruning';
import { buildBillingSchema } from './schema';
import { createMailer } from './mail/mailer';
import { seedIfEmpty } from './seed';
import { openBillingStore } from './store';

export async function startBilling(config: BillingConfig): Promise<RunningService> {
  const name = 'billing';
  const logger = createLogger(name, config.logLevel);
  const pubSub = await createPubSub({
    redisUrl: config.redisUrl,
    channelPrefix: `meridian:${name}:`,
    onError: (error) => logger.warn({ err: error }, 'pub/sub connection error'),
  });
  const closeAll: (() => Promise<void>)[] = [() => pubSub.close()];
  const close = async () => {
    for (const step of closeAll.splice(0).reverse()) await step();
  };
  try {
    const { store, seeded } = await openBillingStore({
      location: config.database,
      seedIfEmpty: (fresh) => seedIfEmpty(fresh, config),
    });
    closeAll.push(() => store.close());
    logger.info(
      `${seeded ? 'created and seeded' : 'using the existing'} store ${describeLocation(config.database)}`,
    );
    const lastUsed = new LastUsedRecorder(store);
    closeAll.push(() => lastUsed.close());
    const now = () => new Date();
    const keys = new KeyDirectory(store, lastUsed, now, pubSub);
    keys.listen();
    closeAll.push(() => keys.close());
    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, store, now });
    closeAll.push(async () => mailer.close());
    if (!mailer.delivers)
      logger.info('no SMTP_URL: e-mail is kept in the outbox, which admins read in the console');
    const services: BillingServices = {
      store,
      keys,
      users: new CurrentUsers(store),
      config,
      now,
      mailer,
      accountRequests: new AttemptCounter(config.accountRequestsPerHour, now),
      onMailFailure: (error) => logger.warn({ err: error }, 'an e-mail could not be sent'),
    };
    if (config.mode === 'development') {
      const demo = await ensureDemoKey(store, config.principalSecret, now());
      logger.info(`demo API key (development only): ${demo}`);
    }
    if (config.demoHistory) {
      await ensureDemoHistory(
        {
          store,
          taxRateBasisPoints: config.taxRateBasisPoints,
          currency: config.currency,
          now,
          seed: config.seed,
          issue: {
            seller: config.seller,
            paymentTermsDays: config.paymentTermsDays,
            numberPrefix: config.invoiceNumberPrefix,
          },
        },
        logger,
      );
    }
    if (config.invoiceDraftsEveryMs > 0) {
      const drafts = {
        store,
        taxRateBasisPoints: config.taxRateBasisPoints,
        currency: config.currency,
        now,
      };
      closeAll.push(
        scheduleMonthlyDrafts(drafts, config.invoiceDraftsEveryMs, logger, () =>
          announceChange(pubSub, { kind: 'invoices' }),
        ),
      );
    }
    closeAll.push(scheduleRequestLogPruning(store, config.requestLog, now, logger));
    const schema = await buildBillingSchema();
    const http = await startHttpService<BillingContext>({
      name,
      host: config.host,
      port: config.port,
      mode: config.mode,
      drainMs: config.drainMs,
      logger,
      apollo: {
        schema,
        plugins: [
          // Traces are for Apollo's hosted reporting, which Meridian does not use.
          ApolloServerPluginInlineTraceDisabled(),
          accessGuardPlugin<BillingContext>(createAccessGuard(schema), (context) => context.signed),
          mutationChangesPlugin<BillingContext>(pubSub),
        ],
      },
      context: async (request) => createContext(services, await principalOf(services, request.headers)),
      health: () => store.ping(),
      routes: (app) => {
        serveChanges(app, pubSub, config.internalToken);
        internalRoutes(services, config.internalToken, () => announceChange(pubSub, { kind: 'usage' }))(app);
      },
    });
    closeAll.push(() => http.close());
    return { name, url: http.url, logger, close };
  } catch (error) {
    await close();
    throw error;
  }
}
