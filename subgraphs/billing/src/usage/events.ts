/**
 * Usage events as the gateway reports them, checked one by one: a malformed event is refused on its own,
 * with the field and the reason, and the valid events of its batch are still taken, so one bad event never
 * holds back a partner's (or another partner's) usage. Only a body that is not a batch at all is refused
 * whole. Also the rollup arithmetic: which hourly and daily buckets an event adds to.
 */
import { codedError } from '@meridian/schema';

/** Largest batch the intake takes at once; the gateway sends smaller ones more often. */
export const MAX_USAGE_BATCH = 10_000;
export const MAX_EVENT_ID_LENGTH = 128;
export const MAX_OPERATION_LENGTH = 256;
export const MAX_SUBGRAPHS_PER_EVENT = 16;
/**
 * The largest values one event may carry. Each is far beyond what one operation can run up (the gateway's
 * MAX_COST is at most 100,000,000; no request lasts a day), and within PostgreSQL's 32-bit integer columns,
 * so a corrupted or forged event is refused here instead of failing the whole batch in the database.
 */
export const MAX_EVENT_COST = 1_000_000_000;
export const MAX_EVENT_DURATION_MS = 86_400_000;
export const MAX_EVENT_BYTES = 1_000_000_000;
export const MAX_EVENT_SUBSCRIPTION_MESSAGES = 10_000_000;
/** The gateway's request ids are at most this long (kit's REQUEST_ID pattern). */
export const MAX_REQUEST_ID_LENGTH = 128;
export const MAX_ERROR_CODE_LENGTH = 64;

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
  /**
   * Whether the event counts against the monthly quota and the invoice. Refused operations and the portal's
   * own calls are recorded with `false`; an event that does not say is billable, as every event was before
   * the gateway said.
   */
  readonly billable: boolean;
  /** The id the gateway echoed in `x-request-id`; null for events that are not one request (message tallies). */
  readonly requestId: string | null;
  /** The answer's HTTP status, when the event is one request. */
  readonly status: number | null;
  /** `extensions.code` of the answer's first error. */
  readonly errorCode: string | null;
}

/** An event the intake refused, and why; the rest of its batch was taken. */
export interface RefusedEvent {
  /** Where the event is in the batch: the sender finds it by this even when its id is the problem. */
  readonly index: number;
  /** The event's id, when it has a usable one. */
  readonly id: string | null;
  /** The field at fault; null when the event is not an object at all. */
  readonly field: string | null;
  readonly reason: string;
}

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

type Problem = Pick<RefusedEvent, 'field' | 'reason'>;

const TEXT_FIELDS = [
  ['id', MAX_EVENT_ID_LENGTH],
  ['partnerId', MAX_EVENT_ID_LENGTH],
  ['keyId', MAX_EVENT_ID_LENGTH],
  ['operation', MAX_OPERATION_LENGTH],
] as const;

/** The value when it is a whole number from 0 to `max`. */
function wholeNumber(value: unknown, max: number): number | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max
    ? (value as number)
    : undefined;
}

/** The event, or the first field that is wrong with it. */
function parseEvent(raw: unknown): UsageEvent | Problem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { field: null, reason: 'the event must be an object' };
  }
  const event = raw as Record<string, unknown>;
  const problem = (field: string, expected: string): Problem => ({
    field,
    reason: `${field} must be ${expected}`,
  });
  for (const [field, max] of TEXT_FIELDS) {
    const value = event[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > max) {
      return problem(field, `a string of 1 to ${max} characters`);
    }
  }
  const occurredAt = new Date(typeof event.occurredAt === 'string' ? event.occurredAt : Number.NaN);
  if (Number.isNaN(occurredAt.getTime())) return problem('occurredAt', 'an ISO-8601 time');
  const subgraphs = event.subgraphs;
  if (
    !Array.isArray(subgraphs) ||
    subgraphs.length > MAX_SUBGRAPHS_PER_EVENT ||
    !subgraphs.every((name) => typeof name === 'string' && /^[a-z][a-z0-9_-]*$/.test(name))
  ) {
    return problem('subgraphs', `a list of at most ${MAX_SUBGRAPHS_PER_EVENT} subgraph names`);
  }
  const durationMs = event.durationMs;
  if (
    typeof durationMs !== 'number' ||
    !Number.isFinite(durationMs) ||
    durationMs < 0 ||
    durationMs > MAX_EVENT_DURATION_MS
  ) {
    return problem('durationMs', `a number from 0 to ${MAX_EVENT_DURATION_MS}`);
  }
  if (!(outcomes as readonly unknown[]).includes(event.outcome)) {
    return problem('outcome', `one of ${outcomes.join(', ')}`);
  }
  const outOfRange = (field: string, max: number) => problem(field, `a whole number from 0 to ${max}`);
  const cost = wholeNumber(event.cost, MAX_EVENT_COST);
  if (cost === undefined) return outOfRange('cost', MAX_EVENT_COST);
  const bytes = wholeNumber(event.bytes, MAX_EVENT_BYTES);
  if (bytes === undefined) return outOfRange('bytes', MAX_EVENT_BYTES);
  // Only subscriptions count messages; other events may leave the field out.
  const subscriptionMessages = wholeNumber(event.subscriptionMessages ?? 0, MAX_EVENT_SUBSCRIPTION_MESSAGES);
  if (subscriptionMessages === undefined) {
    return outOfRange('subscriptionMessages', MAX_EVENT_SUBSCRIPTION_MESSAGES);
  }
  const billable = event.billable ?? true;
  if (typeof billable !== 'boolean') return problem('billable', 'true or false');
  const requestId = event.requestId ?? null;
  if (
    requestId !== null &&
    (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > MAX_REQUEST_ID_LENGTH)
  ) {
    return problem('requestId', `null or a string of 1 to ${MAX_REQUEST_ID_LENGTH} characters`);
  }
  const status = event.status ?? null;
  if (
    status !== null &&
    !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)
  ) {
    return problem('status', 'null or an HTTP status from 100 to 599');
  }
  const errorCode = event.errorCode ?? null;
  if (
    errorCode !== null &&
    (typeof errorCode !== 'string' ||
      !/^[A-Z][A-Z0-9_]*$/.test(errorCode) ||
      errorCode.length > MAX_ERROR_CODE_LENGTH)
  ) {
    return problem('errorCode', `null or an error code of at most ${MAX_ERROR_CODE_LENGTH} capitals`);
  }
  return {
    id: event.id as string,
    occurredAt,
    partnerId: event.partnerId as string,
    keyId: event.keyId as string,
    operation: event.operation as string,
    subgraphs: [...new Set(subgraphs as string[])],
    cost,
    durationMs,
    outcome: event.outcome as Outcome,
    bytes,
    subscriptionMessages,
    billable,
    requestId: requestId as string | null,
    status: status as number | null,
    errorCode: errorCode as string | null,
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
