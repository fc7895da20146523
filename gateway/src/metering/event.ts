/** A usage event as billing's intake takes it: one per operation, allowed or rejected. */
export type Outcome = 'ok' | 'error' | 'rejected';

export interface UsageEvent {
  /** Unique; billing counts an event id once however often it is sent. */
  readonly id: string;
  readonly occurredAt: string;
  readonly partnerId: string;
  readonly keyId: string;
  /** The operation's name, or `anonymous:<sha256 prefix>` for unnamed operations. */
  readonly operation: string;
  readonly subgraphs: readonly string[];
  readonly cost: number;
  readonly durationMs: number;
  readonly outcome: Outcome;
  readonly bytes: number;
  readonly subscriptionMessages: number;
  /**
   * Whether the event counts against the partner's monthly quota and invoice: an operation made with an API
   * key (or a portal session beyond its partner's free allowance) that the edge let through. Refused
   * operations and the portal's own calls are recorded, but spend nothing.
   */
  readonly billable: boolean;
  /** The id echoed in the response's `x-request-id`, by which the request log finds it; null for tallies. */
  readonly requestId: string | null;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** `extensions.code` of the answer's first error; null when it had none. */
  readonly errorCode: string | null;
}

/**
 * Refusals the edge answers with HTTP 200, as clients of automatic persisted queries expect, that still
 * count as rejected: the operation never ran.
 */
const REFUSED_WITH_200 = new Set(['PERSISTED_QUERY_NOT_FOUND']);

/** Whether an answered operation ran cleanly, ran with errors, or was refused before it ran. */
export function outcomeOf(
  status: number,
  errors: readonly { extensions?: Record<string, unknown> }[] | undefined,
): Outcome {
  if (status >= 400) return 'rejected';
  if (!errors?.length) return 'ok';
  return REFUSED_WITH_200.has(String(errors[0]?.extensions?.code)) ? 'rejected' : 'error';
}

/** Whether an operation is charged: the edge took it from the quota, and did not refuse it afterwards. */
export function isBillable(metered: boolean | undefined, outcome: Outcome): boolean {
  return metered === true && outcome !== 'rejected';
}

/** The code of an answer's first error, as the request log shows it. */
export function errorCodeOf(
  errors: readonly { extensions?: Record<string, unknown> }[] | undefined,
): string | null {
  const code = errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

/** Who is billed for calls that carry no credentials. */
export const ANONYMOUS_ACCOUNT = 'anonymous';

let lastSecond = Number.NaN;
let secondText = '';

/**
 * `new Date(at).toISOString()`, with the date and time up to the second worked out once a second: every
 * usage event is stamped, and formatting a whole date each time showed in the gateway's profile.
 */
export function isoTimestamp(at = Date.now()): string {
  const second = Math.floor(at / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    // Up to the decimal point: `2026-11-26T12:00:00.`
    secondText = new Date(second * 1000).toISOString().slice(0, -4);
  }
  return `${secondText}${String(at - second * 1000).padStart(3, '0')}Z`;
}
