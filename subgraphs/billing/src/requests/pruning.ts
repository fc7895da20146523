/**
 * Keeps the request log bounded: entries older than the retention go, and so do those beyond the newest
 * `maxPerKey` of each key, on a timer. Between two passes a key can hold more than its cap by what it sent
 * meanwhile, which its rate limit bounds.
 */
import type { Logger } from '@meridian/kit';
import type { BillingStore } from '../store';

const DAY_MS = 86_400_000;

export interface RequestLogRetention {
  readonly retentionDays: number;
  readonly maxPerKey: number;
  readonly pruneEveryMs: number;
}

/** Prunes once now, then every `pruneEveryMs`; resolves, when stopped, after the pass under way. */
export function scheduleRequestLogPruning(
  store: Pick<BillingStore, 'pruneRequestLog'>,
  retention: RequestLogRetention,
  now: () => Date,
  logger: Logger,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const prune = () => {
    const before = new Date(now().getTime() - retention.retentionDays * DAY_MS);
    running = store.pruneRequestLog(before, retention.maxPerKey).then(
      (removed) => removed > 0 && logger.debug({ removed }, 'request log pruned'),
      (error: unknown) => logger.warn({ err: error }, 'could not prune the request log'),
    );
  };
  prune();
  const timer = setInterval(prune, retention.pruneEveryMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
