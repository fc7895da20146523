/**
 * Usage events as the gateway reports them, checked whole before anything is stored: one malformed event
 * rejects its batch with an error naming the event and the field, so a batch is written entirely or not at
 * all. Also the rollup arithmetic: which hourly and daily buckets an event adds to.
 */
import { codedError } from '@meridian/schema';

/** Largest batch the intake takes at once; the gateway sends smaller ones more often. */
export const MAX_USAGE_BATCH = 10_000;
export const MAX_EVENT_ID_LENGTH = 128;
export const MAX_OPERATION_LENGTH = 256;
export const MAX_SUBGRAPHS_PER_EVENT = 16;

export const outcomes = ['ok', 'error', 'rejected'] as const;
export type Outcome = (typeof outcomes)[number];

export interface UsageEvent {
  readonly id: string;
  readonly occurredAt: Date;
  readonly partnerId: string;
  readonly keyId: string;
  /** Operation name, or its hash when anonymous. */
  readonly operation: string;
  readonly subgraphs: readonly string[];
  readonly cost: number;
  readonly durationMs: number;
  readonly outcome: Outcome;
  readonly bytes: number;
  readonly subscriptionMessages: number;
}

export type Granularity = 'hour' | 'day';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The subgraph value of rollup rows that total an operation over every subgraph it touched. */
export const ALL_SUBGRAPHS = '*';

/** Parses a batch, throwing BAD_USER_INPUT that names the first bad event and field. */
export function parseUsageBatch(input: unknown): UsageEvent[] {
  const events = (input as { events?: unknown } | null)?.events;
  if (!Array.isArray(events))
    throw codedError('BAD_USER_INPUT', 'events must be a list', { argument: 'events' });
  if (events.length > MAX_USAGE_BATCH) {
    throw codedError('BAD_USER_INPUT', `a batch holds at most ${MAX_USAGE_BATCH} events`, {
      argument: 'events',
      limit: MAX_USAGE_BATCH,
    });
  }
  return events.map((event, index) => parseEvent(event, index));
}

function parseEvent(raw: unknown, index: number): UsageEvent {
  const fail = (field: string, expected: string): never => {
    throw codedError('BAD_USER_INPUT', `events[${index}].${field} must be ${expected}`, {
      argument: `events[${index}].${field}`,
    });
  };
  if (typeof raw !== 'object' || raw === null) return fail('', 'an object');
  const event = raw as Record<string, unknown>;
  const text = (field: string, max: number): string => {
    const value = event[field];
    return typeof value === 'string' && value.length > 0 && value.length <= max
      ? value
      : fail(field, `a string of 1 to ${max} characters`);
  };
  const count = (field: string, fallback?: number): number => {
    const value = event[field] ?? fallback;
    return Number.isSafeInteger(value) && (value as number) >= 0
      ? (value as number)
      : fail(field, 'a whole number ≥ 0');
  };
  const occurredAt = new Date(typeof event.occurredAt === 'string' ? event.occurredAt : Number.NaN);
  if (Number.isNaN(occurredAt.getTime())) fail('occurredAt', 'an ISO-8601 time');
  const subgraphs = event.subgraphs;
  if (
    !Array.isArray(subgraphs) ||
    subgraphs.length > MAX_SUBGRAPHS_PER_EVENT ||
    !subgraphs.every((name) => typeof name === 'string' && /^[a-z][a-z0-9_-]*$/.test(name))
  ) {
    fail('subgraphs', `a list of at most ${MAX_SUBGRAPHS_PER_EVENT} subgraph names`);
  }
  const durationMs = event.durationMs;
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) {
    fail('durationMs', 'a number ≥ 0');
  }
  if (!(outcomes as readonly unknown[]).includes(event.outcome))
    fail('outcome', `one of ${outcomes.join(', ')}`);
  return {
    id: text('id', MAX_EVENT_ID_LENGTH),
    occurredAt,
    partnerId: text('partnerId', MAX_EVENT_ID_LENGTH),
    keyId: text('keyId', MAX_EVENT_ID_LENGTH),
    operation: text('operation', MAX_OPERATION_LENGTH),
    subgraphs: [...new Set(subgraphs as string[])],
    cost: count('cost'),
    durationMs: durationMs as number,
    outcome: event.outcome as Outcome,
    bytes: count('bytes'),
    subscriptionMessages: count('subscriptionMessages', 0),
  };
}

/** The start of the hour or UTC day an instant falls in, as ISO text (the rollup's bucket). */
export function bucketOf(at: Date, granularity: Granularity): string {
  const start = new Date(at);
  start.setUTCMinutes(0, 0, 0);
  if (granularity === 'day') start.setUTCHours(0);
  return start.toISOString();
}

export interface RollupDelta {
  granularity: Granularity;
  bucket: string;
  partnerId: string;
  keyId: string;
  subgraph: string;
  operation: string;
  requests: number;
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
            errors: 0,
            cost: 0,
            durationMs: 0,
            bytes: 0,
            subscriptionMessages: 0,
          };
          rows.set(id, row);
        }
        row.requests += 1;
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
