/**
 * Partners' safelists as billing keeps them: the operations each partner registered, by the SHA-256 of their
 * text. Fetched from billing's internal route when first needed, kept in an LRU cache with a TTL, and
 * dropped at once when billing's key-change feed announces that a partner's list changed. Every partner's
 * operations can also be listed at once, newest first, for the gateway to plan them as it starts.
 */
import {
  SafelistedOperationsSchema,
  SafelistLookupAnswerSchema,
  type SafelistedOperations,
} from '@meridian/contracts';
import { LRUCache } from 'lru-cache';
import { postLookup, SharedLookups } from '../billing-lookup';

/** Operation texts by the SHA-256 (hex) of each text. */
export type Safelist = ReadonlyMap<string, string>;

/** Distinct operations over every partner's safelist, the most recently registered first. */
export type { SafelistedOperations };

export interface SafelistDirectoryOptions {
  /** Billing's internal safelist lookup, e.g. `http://127.0.0.1:4003/internal/safelists/lookup`. */
  readonly lookupUrl: string;
  /** Billing's listing of every partner's operations, e.g. `…/internal/safelists/operations`. */
  readonly operationsUrl: string;
  readonly internalToken: string;
  readonly ttlMs: number;
  /** Bytes of operation text kept at once, over every partner's list. */
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export class SafelistDirectory {
  private readonly cache: LRUCache<string, Safelist>;
  private readonly lookups = new SharedLookups<Safelist>((partnerId, safelist) =>
    this.cache.set(partnerId, safelist),
  );

  constructor(private readonly options: SafelistDirectoryOptions) {
    this.cache = new LRUCache({
      maxSize: options.maxBytes,
      // A list with no operations still takes a slot.
      sizeCalculation: (safelist) =>
        [...safelist.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 1),
      ttl: options.ttlMs,
    });
  }

  /** The partner's list; rejects when billing cannot be asked. */
  get(partnerId: string): Promise<Safelist> {
    const cached = this.cache.get(partnerId);
    if (cached) return Promise.resolve(cached);
    return this.lookups.get(partnerId, () => this.lookup(partnerId));
  }

  forget(partnerId: string): void {
    this.cache.delete(partnerId);
    this.lookups.forget(partnerId);
  }

  forgetAll(): void {
    this.cache.clear();
    this.lookups.forget();
  }

  /** Every partner's operations, at most `maxOperations`, asked of billing now; rejects when it cannot be. */
  async recentOperations(maxOperations: number, timeoutMs: number): Promise<SafelistedOperations> {
    const response = await postLookup({
      url: this.options.operationsUrl,
      internalToken: this.options.internalToken,
      body: { maxOperations },
      timeoutMs,
    });
    if (!response.ok) throw new Error(`the listing of safelisted operations answered ${response.status}`);
    return SafelistedOperationsSchema.parse(await response.json());
  }

  private async lookup(partnerId: string): Promise<Safelist> {
    const response = await postLookup({
      url: this.options.lookupUrl,
      internalToken: this.options.internalToken,
      body: { partnerId },
      timeoutMs: this.options.timeoutMs,
    });
    if (!response.ok) throw new Error(`safelist lookup answered ${response.status}`);
    const answer = SafelistLookupAnswerSchema.parse(await response.json());
    return new Map(answer.operations.map(({ id, text }) => [id, text]));
  }
}
