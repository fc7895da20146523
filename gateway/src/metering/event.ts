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
