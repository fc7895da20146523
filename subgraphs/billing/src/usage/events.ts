/**
 * Usage events as the gateway reports them, checked one by one: a malformed event is refused on its own,
 * with the field and the reason, and the valid events of its batch are still taken, so one bad event never
 * holds back a partner's (or another partner's) usage. Only a body that is not a batch at all is refused
 * whole. Also the rollup arithmetic: which hourly and daily buckets an event adds to.
 */
import {
  MAX_EVENT_ID_LENGTH,
  MAX_USAGE_BATCH,
  USAGE_EVENT_RULES,
  UsageEventSchema,
  type RefusedEvent,
  type UsageEvent,
} from '@meridian/contracts';
import { codedError } from '@meridian/schema';

export type { UsageEvent };

export interface ParsedBatch {
  readonly events: UsageEvent[];
  readonly rejected: RefusedEvent[];
}

export type Granularity = 'hour' | 'day';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The subgraph value of rollup rows that total an operation over every subgraph it touched. */
export const ALL_SUBGRAPHS = '*';

/**
 * Parses a batch into its valid events and the refused ones. Throws BAD_USER_INPUT only when the body is not
 * a batch: no `events` list, or one longer than MAX_USAGE_BATCH.
 */
export function parseUsageBatch(input: unknown): ParsedBatch {
  const events = (input as { events?: unknown } | null)?.events;
  if (!Array.isArray(events))
    throw codedError('BAD_USER_INPUT', 'events must be a list', { argument: 'events' });
  if (events.length > MAX_USAGE_BATCH) {
    throw codedError('BAD_USER_INPUT', `a batch holds at most ${MAX_USAGE_BATCH} events`, {
      argument: 'events',
      limit: MAX_USAGE_BATCH,
    });
  }
  const parsed: ParsedBatch = { events: [], rejected: [] };
  events.forEach((raw: unknown, index) => {
    const result = parseEvent(raw);
    if ('reason' in result) parsed.rejected.push({ index, id: usableId(raw), ...result });
    else parsed.events.push(result);
  });
  return parsed;
}

function usableId(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_EVENT_ID_LENGTH ? id : null;
}

/** The event, or the first field that is wrong with it and what that field must be. */
function parseEvent(raw: unknown): UsageEvent | Pick<RefusedEvent, 'field' | 'reason'> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { field: null, reason: 'the event must be an object' };
  }
  const result = UsageEventSchema.safeParse(raw);
  if (result.success) return result.data;
  const field = String(result.error.issues[0]?.path[0]) as keyof typeof USAGE_EVENT_RULES;
  return { field, reason: `${field} must be ${USAGE_EVENT_RULES[field]}` };
}

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
