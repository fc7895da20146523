import type { Outcome, UsageEventInput } from '@meridian/contracts';

export type { Outcome };

/**
 * A usage event as the gateway writes it for billing's intake (`@meridian/contracts`), one per operation,
 * allowed or rejected; the gateway always says every field.
 */
export type UsageEvent = Readonly<Required<UsageEventInput>>;

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
