/**
 * The gateway's calls to billing's internal lookups (API keys, portal sessions, safelists): a JSON POST with
 * the internal token, given up after a deadline.
 *
 * Under load a lookup can be sent on a kept-alive connection that billing is closing at that very moment
 * (its idle timeout passed); the call then fails before any response, with "other side closed" or a reset.
 * The lookups are reads, so such a call is sent once more, on a new connection, within the same deadline.
 * A call that got a response, timed out, or could not connect at all (billing down) is not repeated.
 */

import { INTERNAL_TOKEN_HEADER } from '@meridian/contracts';

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
        [INTERNAL_TOKEN_HEADER]: lookup.internalToken,
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
function closedUnderRequest(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && CLOSED_CONNECTION.has(cause.code);
}

/**
 * Lookups of one kind on their way to billing, shared by every caller asking for the same thing meanwhile.
 * An answer is kept (by `keep`) only if nothing was forgotten since it was asked for: a change billing
 * announces while a lookup is out makes that answer stale.
 */
export class SharedLookups<T> {
  private readonly pending = new Map<string, Promise<T>>();
  /** Bumped when one subject is forgotten; `generation` when everything is. */
  private readonly versions = new Map<string, number>();
  private generation = 0;

  constructor(private readonly keep: (subject: string, answer: T) => void) {}

  /** The answer of the lookup already out for `subject`, or of `lookup`, sent now. */
  get(subject: string, lookup: () => Promise<T>): Promise<T> {
    const sent = this.pending.get(subject);
    if (sent) return sent;
    const version = this.versionOf(subject);
    const pending = lookup()
      .then((answer) => {
        if (this.versionOf(subject) === version) this.keep(subject, answer);
        return answer;
      })
      .finally(() => {
        if (this.pending.get(subject) === pending) this.pending.delete(subject);
      });
    this.pending.set(subject, pending);
    return pending;
  }

  /** Lookups out for `subject` (or for everything, without one) are stale: later callers ask again. */
  forget(subject?: string): void {
    if (subject === undefined) {
      this.pending.clear();
      this.versions.clear();
      this.generation += 1;
      return;
    }
    this.pending.delete(subject);
    this.versions.set(subject, (this.versions.get(subject) ?? 0) + 1);
  }

  private versionOf(subject: string): string {
    return `${this.generation}:${this.versions.get(subject) ?? 0}`;
  }
}
