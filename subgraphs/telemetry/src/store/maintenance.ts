/**
 * Partition maintenance beside the service (PostgreSQL; nothing on SQLite): once at start, before the
 * service takes readings, then every `everyMs`. Every replica runs it; the store makes concurrent runs safe.
 * A failed run is logged and tried again at the next: readings whose partition is missing meanwhile go to
 * the DEFAULT partition, never lost.
 */
import type { Logger } from '@meridian/kit';
import type { TelemetryStore } from './index';

export interface PartitionMaintenance {
  close(): Promise<void>;
}

export async function startPartitionMaintenance(
  store: TelemetryStore,
  everyMs: number,
  logger: Logger,
  clock: () => number = Date.now,
): Promise<PartitionMaintenance> {
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const report = await store.maintainRawPartitions(clock());
      const changed = report.created.length + report.dropped.length + report.moved + report.expired > 0;
      if (changed) {
        logger.info(
          {
            created: report.created.map((p) => p.name),
            dropped: report.dropped.map((p) => p.name),
            moved: report.moved,
            expired: report.expired,
          },
          'raw reading partitions maintained',
        );
      }
    } catch (error) {
      logger.warn({ err: error }, 'raw reading partition maintenance failed; trying again at the next run');
    }
  };
  await run();
  const timer = setInterval(() => {
    running = running.then(run);
  }, everyMs);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
