/**
 * The lookup the gateway calls for every API key it has not cached: a key's SHA-256 to its partner, plan
 * and scopes, or why it is refused. Answers come from a short-lived in-process cache, which changes to keys,
 * plans and safelists clear at once here and, through pub/sub, on every replica and gateway.
 */
import type { KeyChange } from '@meridian/contracts';
import { sameHash } from '@meridian/kit';
import { LRUCache } from 'lru-cache';
import type { PubSub } from 'type-graphql';
import type { BillingStore, KeyGrant } from '../store';
import type { LastUsedRecorder } from './key-last-used';

/** How long a lookup may be answered from memory; mutations in this process clear entries at once. */
const KEY_CACHE_TTL_MS = 1_000;
/** The most key answers kept at once: a flood of made-up keys evicts the oldest, never grows the cache. */
const KEY_CACHE_MAX_ENTRIES = 50_000;

export type LookupResult =
  | { readonly status: 'ok'; readonly grant: KeyGrant }
  | { readonly status: 'unknown' | 'revoked' | 'expired' | 'suspended' };

/**
 * The pub/sub topic on which key revocations, rolls, settings and plan changes, and changes of a partner's
 * safelist, are announced to every cache.
 */
const KEY_CHANGES_TOPIC = 'KEY_CHANGES';

/** Whether cached key lookups may be out of date after a change (a safelist change leaves them right). */
function affectsKeys(change: KeyChange): boolean {
  return change.kind !== 'safelist-changed';
}

export class KeyDirectory {
  private readonly cache = new LRUCache<string, { result: LookupResult; at: number }>({
    max: KEY_CACHE_MAX_ENTRIES,
  });
  private listening: AsyncIterator<unknown> | undefined;
  private readonly listeners = new Set<(change: KeyChange) => void>();

  constructor(
    private readonly store: BillingStore,
    readonly lastUsed: LastUsedRecorder,
    private readonly now: () => Date = () => new Date(),
    private readonly pubSub?: PubSub,
  ) {}

  /** Drops cached answers whenever any replica announces a change (its own included). */
  listen(): void {
    if (!this.pubSub || this.listening) return;
    const iterator = this.pubSub.subscribe(KEY_CHANGES_TOPIC)[Symbol.asyncIterator]();
    this.listening = iterator;
    const next = (): void => {
      iterator.next().then(
        (step) => {
          if (step.done) return;
          if (affectsKeys(step.value as KeyChange)) this.forgetAll();
          for (const listener of this.listeners) listener(step.value as KeyChange);
          next();
        },
        () => undefined,
      );
    };
    next();
  }

  /** Calls `listener` with every change any replica announces; returns the function that stops it. */
  onChange(listener: (change: KeyChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.listening?.return?.();
    this.listening = undefined;
  }

  /**
   * A key, a plan or a safelist changed: this replica forgets at once, and the change is published so other
   * replicas and the gateways' caches drop their copies within moments.
   */
  changed(change: KeyChange): void {
    if (affectsKeys(change)) this.forgetAll();
    this.pubSub?.publish(KEY_CHANGES_TOPIC, change);
  }

  /** Resolves a key's SHA-256 (hex) to its partner, plan and scopes, as of now. */
  async lookup(hash: string): Promise<LookupResult> {
    const now = this.now();
    const cached = this.cache.get(hash);
    const result =
      cached && now.getTime() - cached.at < KEY_CACHE_TTL_MS ? cached.result : await this.resolve(hash, now);
    if (cached?.result !== result) this.cache.set(hash, { result, at: now.getTime() });
    if (result.status === 'ok') this.lastUsed.record(result.grant.key.id, now);
    return result;
  }

  private async resolve(hash: string, now: Date): Promise<LookupResult> {
    const grant = /^[0-9a-f]{64}$/.test(hash) ? await this.store.grantByHash(hash) : undefined;
    if (!grant || !sameHash(grant.matchedHash, hash)) return { status: 'unknown' };
    if (grant.key.revokedAt) return { status: 'revoked' };
    if (grant.key.expiresAt && grant.key.expiresAt <= now) return { status: 'expired' };
    if (grant.matchedPrevious && !(grant.previousValidUntil && grant.previousValidUntil > now)) {
      return { status: 'expired' };
    }
    if (grant.partnerSuspendedAt) return { status: 'suspended' };
    return { status: 'ok', grant };
  }

  /** Drops every cached answer. */
  private forgetAll(): void {
    this.cache.clear();
  }
}
