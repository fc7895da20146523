/**
 * The gateway's calls to billing's internal lookups (API keys, portal sessions, safelists): a JSON POST with
 * the internal token, given up after a deadline.
 *
 * Under load a lookup can be sent on a kept-alive connection that billing is closing at that very moment
 * (its idle timeout passed); the call then fails before any response, with "other side closed" or a reset.
 * The lookups are reads, so such a call is sent once more, on a new connection, within the same deadline.
 * A call that got a response, timed out, or could not connect at all (billing down) is not repeated.
 */

/** Errors of a connection that closed under a request before any response came (undici's and the system's). */
const CLOSED_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

export interface LookupRequest {
  readonly url: string;
  readonly internalToken: string;
  readonly body: unknown;
  readonly timeoutMs: number;
}

export async function postLookup(lookup: LookupRequest): Promise<Response> {
  const signal = AbortSignal.timeout(lookup.timeoutMs);
  const send = () =>
    fetch(lookup.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-meridian-internal-token': lookup.internalToken,
      },
      body: JSON.stringify(lookup.body),
      signal,
    });
  try {
    return await send();
  } catch (error) {
    if (signal.aborted || !closedUnderRequest(error)) throw error;
    return send();
  }
}

/** Whether `fetch` failed because the connection closed before any response (its cause carries the code). */
export function closedUnderRequest(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && CLOSED_CONNECTION.has(cause.code);
}
