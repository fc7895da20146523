/**
 * Identity: who an API key belongs to, as billing says, remembered for a while. Keys whose format or
 * checksum is wrong are refused without asking billing; answers (good or bad) are kept in an LRU cache
 * with a TTL, and dropped at once when billing announces a revocation or a plan change.
 */
import { KeyLookupAnswerSchema } from '@meridian/contracts';
import { hashKey, parseKey } from '@meridian/kit/api-key';
import type { PlanLimits } from '@meridian/kit/plan-limits';
import type { Principal } from '@meridian/kit/principal';
import { LRUCache } from 'lru-cache';
import { postLookup, SharedLookups } from '../billing-lookup';

export type { PlanLimits };

interface Grant {
  readonly principal: Principal;
  readonly plan: PlanLimits;
  /** Whether the key runs only operations on its partner's safelist. */
  readonly safelistOnly: boolean;
  /** Milliseconds since the epoch, when the key stops working. */
  readonly expiresAt?: number;
}

type RefusalReason = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'suspended';

export type Identification =
  | { readonly ok: true; readonly grant: Grant; readonly keyHash: string }
  | { readonly ok: false; readonly reason: RefusalReason | 'unavailable' };

export interface KeyDirectoryOptions {
  /** Billing's internal key lookup, e.g. `http://127.0.0.1:4003/internal/keys/lookup`. */
  readonly lookupUrl: string;
  readonly internalToken: string;
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly timeoutMs: number;
  readonly now?: () => number;
  /** Told of every check: whether the cache answered it. */
  readonly onLookup?: (hit: boolean) => void;
}

type Cached =
  { readonly ok: true; readonly grant: Grant } | { readonly ok: false; readonly reason: RefusalReason };

export class KeyDirectory {
  private readonly cache: LRUCache<string, Cached>;
  private readonly now: () => number;
  /** Callers of the same key wait for the lookup already sent; every change billing announces makes it stale. */
  private readonly lookups = new SharedLookups<Cached>((hash, answer) => this.cache.set(hash, answer));

  constructor(private readonly options: KeyDirectoryOptions) {
    this.cache = new LRUCache({ max: options.maxEntries, ttl: options.ttlMs });
    this.now = options.now ?? Date.now;
  }

  /**
   * Who `key` belongs to. `beforeLookup` runs when billing would have to be asked (the key is well formed and
   * not in the cache), before it is; it refuses the check by throwing. A key in the cache is hashed once and
   * not parsed again: only well-formed keys are ever cached.
   */
  async identify(key: string, beforeLookup?: () => Promise<void> | undefined): Promise<Identification> {
    const keyHash = hashKey(key);
    let cached = this.cache.get(keyHash);
    if (!cached && !parseKey(key)) return { ok: false, reason: 'malformed' };
    if (!cached && beforeLookup) {
      await beforeLookup();
      // Another request may have had the key looked up meanwhile.
      cached = this.cache.get(keyHash);
    }
    this.options.onLookup?.(cached !== undefined);
    if (!cached) {
      try {
        cached = await this.lookups.get(keyHash, () => this.lookup(keyHash));
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
    }
    if (!cached.ok) return cached;
    const { expiresAt } = cached.grant;
    if (expiresAt !== undefined && expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: cached.grant, keyHash };
  }

  /** Forgets what is known of a key, or of every key of a partner (after a plan change). */
  forget(match: { keyId?: string; partnerId?: string }): number {
    this.lookups.forget();
    let dropped = 0;
    for (const [hash, entry] of this.cache.entries()) {
      if (!entry.ok) continue;
      const { principal } = entry.grant;
      if (
        (match.keyId && principal.keyId === match.keyId) ||
        (match.partnerId && principal.partnerId === match.partnerId)
      ) {
        this.cache.delete(hash);
        dropped += 1;
      }
    }
    return dropped;
  }

  forgetAll(): void {
    this.lookups.forget();
    this.cache.clear();
  }

  private async lookup(hash: string): Promise<Cached> {
    const response = await postLookup({
      url: this.options.lookupUrl,
      internalToken: this.options.internalToken,
      body: { hash },
      timeoutMs: this.options.timeoutMs,
    });
    if (response.status === 401) {
      const body = (await response.json()) as { errors?: { extensions?: { reason?: string } }[] };
      const reason = body.errors?.[0]?.extensions?.reason;
      const known = reason === 'revoked' || reason === 'expired' || reason === 'suspended';
      return { ok: false, reason: known ? reason : 'unknown' };
    }
    if (!response.ok) throw new Error(`key lookup answered ${response.status}`);
    // An answer of another shape throws here, as billing being unavailable would.
    const answer = KeyLookupAnswerSchema.parse(await response.json());
    return {
      ok: true,
      grant: {
        principal: {
          partnerId: answer.partnerId,
          ...(answer.customerId ? { customerId: answer.customerId } : {}),
          keyId: answer.keyId,
          scopes: answer.scopes,
        },
        plan: answer.plan,
        safelistOnly: answer.safelistOnly,
        ...(answer.expiresAt ? { expiresAt: Date.parse(answer.expiresAt) } : {}),
      },
    };
  }
}
