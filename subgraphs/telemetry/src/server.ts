/**
 * Starts the telemetry subgraph: its store (created, migrated and seeded on first start), its schema over
 * HTTP and graphql-ws, `POST /ingest`, the upkeep of raw reading partitions on PostgreSQL, and the live demo
 * stream unless its rate is 0.
 */
import {
  announceChange,
  checkPrincipal,
  PRINCIPAL_HEADER,
  sendError,
  startSubgraph,
  type Logger,
  type RunningService,
} from '@meridian/kit';
import type { PubSub } from 'type-graphql';
import { PARTITION_MAINTENANCE_EVERY_MS, STREAM_TICK_MS, type TelemetryConfig } from './config';
import { createContext } from './context';
import { startDemoStream, type DemoStream } from './generate/stream';
import { createIngestHandler, INGEST_PATH } from './ingest/http';
import { createInlineIngestor, type Ingestor } from './ingest/ingestor';
import { startWorkerIngestor } from './ingest/worker-ingestor';
import { createLivePublisher } from './live/publisher';
import { buildTelemetrySchema } from './schema';
import { seedIfEmpty } from './seed';
import { openTelemetryStore, type TelemetryStore } from './store';
import { startPartitionMaintenance } from './store/maintenance';

/** Scope a caller needs to write readings. */
const WRITE_SCOPE = 'telemetry:write';

/** The store at `config.database`, created with the demo fleet when new (the service and the CLIs share it). */
export function openConfiguredStore(config: TelemetryConfig) {
  return openTelemetryStore({
    location: config.database,
    partitions: { widthMs: config.rawPartitionMs, retentionMs: config.rawRetentionMs },
    seedIfEmpty: (store) =>
      seedIfEmpty(store, {
        seed: config.seed,
        sensors: config.demoSensors,
        flights: config.demoFlights,
        now: Date.now(),
      }),
  });
}

/**
 * The store, with its ingestor: a worker thread writing SQLite, so the serving thread's connection answers
 * queries meanwhile; the store itself on PostgreSQL. The health check fails once the ingestor has stopped.
 */
async function openStoreAndIngestor(
  config: TelemetryConfig,
  logger: Logger,
): Promise<{ store: TelemetryStore; seeded: boolean; ingestor: Ingestor }> {
  const { store, seeded } = await openConfiguredStore(config);
  let ingestor: Ingestor;
  try {
    ingestor =
      config.database.dialect === 'sqlite'
        ? await startWorkerIngestor(config.database.file, logger)
        : createInlineIngestor(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    seeded,
    ingestor,
    store: {
      ...store,
      ping: async () => {
        ingestor.check();
        await store.ping();
      },
      close: async () => {
        await ingestor.close();
        await store.close();
      },
    },
  };
}

export function startTelemetry(config: TelemetryConfig): Promise<RunningService> {
  let ingestor: Ingestor | undefined;
  return startSubgraph({
    name: 'telemetry',
    config,
    openStore: async (logger) => {
      const opened = await openStoreAndIngestor(config, logger);
      ingestor = opened.ingestor;
      return opened;
    },
    schema: buildTelemetrySchema,
    context: createContext,
    subscriptions: true,
    routes: (app, store, { pubSub }) => {
      const ingest = createIngestHandler(ingestor!, createLivePublisher(store, pubSub), {
        maxPending: config.ingestQueue,
      });
      app.post(INGEST_PATH, (req, res, next) => {
        // Bulk ingest obeys the same rule as GraphQL: a signed principal outside development, with the scope.
        let principal;
        try {
          principal = checkPrincipal(req.headers[PRINCIPAL_HEADER], config.principalSecret, config.mode);
        } catch (error) {
          sendError(res, 'UNAUTHENTICATED', (error as Error).message);
          return;
        }
        if (principal && !principal.scopes.includes(WRITE_SCOPE)) {
          sendError(res, 'FORBIDDEN', `POST ${INGEST_PATH} needs the scope ${WRITE_SCOPE}`);
          return;
        }
        ingest(req, res, principal).catch(next);
      });
    },
    background: async (store, pubSub, logger) => {
      const maintenance = await startPartitionMaintenance(store, PARTITION_MAINTENANCE_EVERY_MS, logger);
      let stream: DemoStream | undefined;
      try {
        stream = await startStream(config, store, pubSub, logger);
      } catch (error) {
        await maintenance.close();
        throw error;
      }
      return {
        close: async () => {
          await stream?.stop();
          await maintenance.close();
        },
      };
    },
  });
}

/** The live demo stream, unless its rate is 0. */
async function startStream(
  config: TelemetryConfig,
  store: TelemetryStore,
  pubSub: PubSub,
  logger: Logger,
): Promise<DemoStream | undefined> {
  if (config.streamRateHz === 0) return undefined;
  const live = createLivePublisher(store, pubSub);
  return startDemoStream(
    store,
    {
      seed: config.seed,
      sensors: config.streamSensors,
      rateHz: config.streamRateHz,
      tickMs: STREAM_TICK_MS,
      flightEveryMs: config.flightEveryMs,
    },
    logger,
    {
      onReadings: (series) => {
        announceChange(pubSub, { kind: 'readings' });
        live.readings(series);
      },
      onAlerts: (alerts) => void live.alerts(alerts),
    },
  );
}
