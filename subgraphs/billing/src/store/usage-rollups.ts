/**
 * The rollup arithmetic of the usage store: which hourly and daily buckets an event adds to, and the `*` rows
 * that total an operation over every subgraph it touched.
 */
import type { UsageEvent } from '@meridian/contracts';

export type Granularity = 'hour' | 'day';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The subgraph value of rollup rows that total an operation over every subgraph it touched. */
export const ALL_SUBGRAPHS = '*';

export interface RollupDelta {
  granularity: Granularity;
  bucket: string;
  partnerId: string;
  keyId: string;
  subgraph: string;
  operation: string;
  requests: number;
  /** Requests that count against the quota and the invoice. */
  billed: number;
  errors: number;
  cost: number;
  durationMs: number;
  bytes: number;
  subscriptionMessages: number;
}

/**
 * What a set of new events adds to the rollups: per hour and per day, one row per partner, key, operation
 * and subgraph touched, plus one `*` row with the operation's totals (so totals never double count an
 * operation that touched several subgraphs).
 */
export function rollUp(events: readonly UsageEvent[]): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  // Many events share an hour: format each bucket once.
  const labels = new Map<number, string>();
  const label = (start: number) => {
    let text = labels.get(start);
    if (text === undefined) labels.set(start, (text = new Date(start).toISOString()));
    return text;
  };
  for (const event of events) {
    const ms = event.occurredAt.getTime();
    const buckets = [
      ['hour', label(ms - (ms % HOUR_MS))],
      ['day', label(ms - (ms % DAY_MS))],
    ] as const;
    for (const [granularity, bucket] of buckets) {
      for (const subgraph of [ALL_SUBGRAPHS, ...event.subgraphs]) {
        const id = `${granularity}\u0000${bucket}\u0000${event.partnerId}\u0000${event.keyId}\u0000${subgraph}\u0000${event.operation}`;
        let row = rows.get(id);
        if (!row) {
          row = {
            granularity,
            bucket,
            partnerId: event.partnerId,
            keyId: event.keyId,
            subgraph,
            operation: event.operation,
            requests: 0,
            billed: 0,
            errors: 0,
            cost: 0,
            durationMs: 0,
            bytes: 0,
            subscriptionMessages: 0,
          };
          rows.set(id, row);
        }
        row.requests += 1;
        row.billed += event.billable ? 1 : 0;
        row.errors += event.outcome === 'ok' ? 0 : 1;
        row.cost += event.cost;
        row.durationMs += event.durationMs;
        row.bytes += event.bytes;
        row.subscriptionMessages += event.subscriptionMessages;
      }
    }
  }
  return [...rows.values()];
}
