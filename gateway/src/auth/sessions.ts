/**
 * Portal sessions: the access token a signed-in user sends as `Authorization: Bearer`, checked by billing
 * and remembered for a few seconds (a logout takes effect within that time).
 */
import { createHash } from 'node:crypto';
import { SessionLookupAnswerSchema } from '@meridian/contracts';
import type { Principal } from '@meridian/kit/principal';
import { LRUCache } from 'lru-cache';
import type { PlanLimits } from './identity';
import { postLookup } from '../billing-lookup';

export interface SessionGrant {
  readonly principal: Principal;
  readonly plan?: PlanLimits;
  /** Whether the user's partner is suspended: billing then grants its sessions billing reads only. */
  readonly partnerSuspended: boolean;
}

export interface SessionDirectoryOptions {
  /** Billing's internal session lookup, e.g. `http://127.0.0.1:4003/internal/sessions/lookup`. */
  readonly lookupUrl: string;
  readonly internalToken: string;
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly timeoutMs: number;
}

export type SessionCheck =
  | { readonly ok: true; readonly grant: SessionGrant }
  | { readonly ok: false; readonly reason: 'invalid' | 'unavailable' };

function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionDirectory {
  private readonly cache: LRUCache<string, SessionGrant | 'invalid'>;

  constructor(private readonly options: SessionDirectoryOptions) {
    this.cache = new LRUCache({ max: options.maxEntries, ttl: options.ttlMs });
  }

  /** Forgets the sessions of a partner's users (it was suspended, or its plan changed). */
  forget(partnerId: string): void {
    for (const [id, grant] of this.cache.entries()) {
      if (grant !== 'invalid' && grant.principal.partnerId === partnerId) this.cache.delete(id);
    }
  }

  forgetAll(): void {
    this.cache.clear();
  }

  /** Whether a check of `token` would be answered without asking billing. */
  knows(token: string): boolean {
    return this.cache.has(tokenId(token));
  }

  async identify(token: string): Promise<SessionCheck> {
    const id = tokenId(token);
    let known = this.cache.get(id);
    if (known === undefined) {
      try {
        known = await this.lookup(token);
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
      this.cache.set(id, known);
    }
    return known === 'invalid' ? { ok: false, reason: 'invalid' } : { ok: true, grant: known };
  }

  private async lookup(token: string): Promise<SessionGrant | 'invalid'> {
    const response = await postLookup({
      url: this.options.lookupUrl,
      internalToken: this.options.internalToken,
      body: { token },
      timeoutMs: this.options.timeoutMs,
    });
    if (response.status === 401) return 'invalid';
    if (!response.ok) throw new Error(`session lookup answered ${response.status}`);
    // An answer of another shape throws here, as billing being unavailable would.
    const answer = SessionLookupAnswerSchema.parse(await response.json());
    return {
      principal: {
        userId: answer.userId,
        sessionId: answer.sessionId,
        role: answer.role,
        scopes: answer.scopes,
        ...(answer.partnerId ? { partnerId: answer.partnerId } : {}),
        ...(answer.customerId ? { customerId: answer.customerId } : {}),
      },
      ...(answer.plan ? { plan: answer.plan } : {}),
      partnerSuspended: answer.partnerSuspended,
    };
  }
}
