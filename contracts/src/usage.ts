/**
 * Usage events, as the gateway reports one per operation and billing's intake (`BILLING_ROUTES.usage`) takes
 * them: the wire form (`UsageEventInput`, times as ISO-8601 text) and the parsed form (`UsageEvent`). Billing
 * refuses a malformed event on its own, naming the field and why (`RefusedEvent`), and still takes the rest
 * of its batch.
 */
import { z } from 'zod';

/** Largest batch the intake takes at once; the gateway sends smaller ones more often. */
export const MAX_USAGE_BATCH = 10_000;
export const MAX_EVENT_ID_LENGTH = 128;
const MAX_OPERATION_LENGTH = 256;
const MAX_SUBGRAPHS_PER_EVENT = 16;
/**
 * The largest values one event may carry. Each is far beyond what one operation can run up (the gateway's
 * MAX_COST is at most 100,000,000; no request lasts a day), and within PostgreSQL's 32-bit integer columns,
 * so a corrupted or forged event is refused instead of failing the whole batch in the database.
 * @internal
 */
export const MAX_EVENT_COST = 1_000_000_000;
/** @internal */
export const MAX_EVENT_DURATION_MS = 86_400_000;
/** @internal */
export const MAX_EVENT_BYTES = 1_000_000_000;
/** @internal */
export const MAX_EVENT_SUBSCRIPTION_MESSAGES = 10_000_000;
/** The gateway's request ids are at most this long (kit's REQUEST_ID pattern). */
const MAX_REQUEST_ID_LENGTH = 128;
const MAX_ERROR_CODE_LENGTH = 64;

const OUTCOMES = ['ok', 'error', 'rejected'] as const;
/** Ran cleanly, ran with errors, or was refused before it ran. */
export type Outcome = (typeof OUTCOMES)[number];

/** What each field of an event must be: the reason an event is refused names the first field that is not. */
export const USAGE_EVENT_RULES = {
  id: `a string of 1 to ${MAX_EVENT_ID_LENGTH} characters`,
  occurredAt: 'an ISO-8601 time',
  partnerId: `a string of 1 to ${MAX_EVENT_ID_LENGTH} characters`,
  keyId: `a string of 1 to ${MAX_EVENT_ID_LENGTH} characters`,
  operation: `a string of 1 to ${MAX_OPERATION_LENGTH} characters`,
  subgraphs: `a list of at most ${MAX_SUBGRAPHS_PER_EVENT} subgraph names`,
  cost: `a whole number from 0 to ${MAX_EVENT_COST}`,
  durationMs: `a number from 0 to ${MAX_EVENT_DURATION_MS}`,
  outcome: `one of ${OUTCOMES.join(', ')}`,
  bytes: `a whole number from 0 to ${MAX_EVENT_BYTES}`,
  subscriptionMessages: `a whole number from 0 to ${MAX_EVENT_SUBSCRIPTION_MESSAGES}`,
  billable: 'true or false',
  requestId: `null or a string of 1 to ${MAX_REQUEST_ID_LENGTH} characters`,
  status: 'null or an HTTP status from 100 to 599',
  errorCode: `null or an error code of at most ${MAX_ERROR_CODE_LENGTH} capitals`,
} as const;

const nullToNull = <T>(value: T | null | undefined): T | null => value ?? null;
const wholeUpTo = (max: number) => z.number().int().min(0).max(max);

export const UsageEventSchema = z.object({
  /** Unique; billing counts an event id once however often it is sent. */
  id: z.string().min(1).max(MAX_EVENT_ID_LENGTH),
  occurredAt: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)))
    .transform((value) => new Date(value)),
  partnerId: z.string().min(1).max(MAX_EVENT_ID_LENGTH),
  keyId: z.string().min(1).max(MAX_EVENT_ID_LENGTH),
  /** The operation's name, or `anonymous:<sha256 prefix>` for unnamed operations. */
  operation: z.string().min(1).max(MAX_OPERATION_LENGTH),
  subgraphs: z
    .array(z.string().regex(/^[a-z][a-z0-9_-]*$/))
    .max(MAX_SUBGRAPHS_PER_EVENT)
    .transform((names) => [...new Set(names)]),
  cost: wholeUpTo(MAX_EVENT_COST),
  durationMs: z.number().min(0).max(MAX_EVENT_DURATION_MS),
  outcome: z.enum(OUTCOMES),
  bytes: wholeUpTo(MAX_EVENT_BYTES),
  /** Only subscriptions count messages; other events may leave the field out. */
  subscriptionMessages: wholeUpTo(MAX_EVENT_SUBSCRIPTION_MESSAGES).default(0),
  /**
   * Whether the event counts against the monthly quota and the invoice. Refused operations and the portal's
   * own calls are recorded with `false`; an event that does not say is billable, as every event was before
   * the gateway said.
   */
  billable: z.boolean().default(true),
  /** The id echoed in `x-request-id`; null for events that are not one request (message tallies). */
  requestId: z.string().min(1).max(MAX_REQUEST_ID_LENGTH).nullish().transform(nullToNull),
  /** The answer's HTTP status, when the event is one request. */
  status: z.number().int().min(100).max(599).nullish().transform(nullToNull),
  /** `extensions.code` of the answer's first error. */
  errorCode: z
    .string()
    .max(MAX_ERROR_CODE_LENGTH)
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .nullish()
    .transform(nullToNull),
});
/** An event as it travels: what the gateway writes. */
export type UsageEventInput = z.input<typeof UsageEventSchema>;
/** An event as billing counts it. */
export type UsageEvent = z.output<typeof UsageEventSchema>;

/** An event the intake refused, and why; the rest of its batch was taken. */
const RefusedEventSchema = z.object({
  /** Where the event is in the batch: the sender finds it by this even when its id is the problem. */
  index: z.number().int().nonnegative(),
  /** The event's id, when it has a usable one. */
  id: z.string().nullable(),
  /** The field at fault; null when the event is not an object at all. */
  field: z.string().nullable(),
  reason: z.string(),
});
export type RefusedEvent = z.infer<typeof RefusedEventSchema>;

/**
 * The intake's answer to a batch: how many of its events were new, how many it had already counted, and each
 * event it refused as malformed. A body that is not a batch at all is a 400 instead.
 */
export const UsageIntakeAnswerSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.array(RefusedEventSchema),
});
export type UsageIntakeAnswer = z.infer<typeof UsageIntakeAnswerSchema>;
