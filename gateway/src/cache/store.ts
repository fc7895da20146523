/**
 * The answers cached of subgraph fetches, in memory, bounded in bytes (least recently used go first) and each
 * kept no longer than the `max-age` its subgraph gave it.
 *
 * Entries are either shared (the subgraph said `public`: the same for every caller) or private (keyed by the
 * caller's identity as subgraphs see it). Dropping a subgraph's entries is O(1): each (subgraph, shared or
 * private) has a generation, an entry remembers the generation it was stored under, and an entry of an older
 * generation is a miss. A fetch notes the generation before it calls the subgraph and stores under that one,
 * so an answer that was on its way while a change was announced is never served after it.
 *
 * A subgraph's entries are served only while its change feed is connected (`setLive`): without the feed, the
 * gateway would not hear of its writes.
 */
import { LRUCache } from 'lru-cache';

export interface CachedAnswer {
  /** The answer's JSON: parsed anew for each hit, so no request's executor ever changes another's copy. */
  readonly json: string;
  /** When it was stored (ms since the epoch), for the `Age` header. */
  readonly storedAt: number;
  /** The `max-age` its subgraph gave, in seconds. */
  readonly maxAge: number;
  readonly shared: boolean;
}

interface Entry extends CachedAnswer {
  readonly generation: number;
}

/** A whole response, made of the answers of several subgraphs. */
export interface CachedResponse extends CachedAnswer {
  /** How old its oldest part was when it was stored, in ms. */
  readonly ageAtStoreMs: number;
  /** The subgraphs whose answers it holds. */
  readonly subgraphs: readonly string[];
}

interface ResponseEntry extends CachedResponse {
  /** The subgraphs it was made of, each with its generations (shared, private) when the request began. */
  readonly parts: readonly (readonly [subgraph: string, shared: number, own: number])[];
}

/** Every subgraph's generations at one moment: taken when a request begins. */
export type Generations = ReadonlyMap<string, readonly [shared: number, own: number]>;

export interface CacheCounts {
  hits: number;
  misses: number;
  stored: number;
  /** Announced changes that dropped a subgraph's entries. */
  invalidations: number;
}

/** Bytes an entry is counted as: its key and JSON as UTF-16 strings, and a little for the record. */
const ENTRY_OVERHEAD_BYTES = 64;

export class AnswerCache {
  private readonly entries: LRUCache<string, Entry | ResponseEntry>;
  private readonly generations = new Map<string, number>();
  private readonly live = new Set<string>();
  readonly counts = new Map<string, CacheCounts>();
  /** Whole responses looked for (`responses.ts`), and found. */
  readonly responses = { hits: 0, misses: 0 };

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, Entry | ResponseEntry>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => (key.length + entry.json.length) * 2 + ENTRY_OVERHEAD_BYTES,
    });
  }

  /** Bytes held, as counted against the bound. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether the subgraph's entries may be served and stored: its change feed is connected. */
  isLive(subgraph: string): boolean {
    return this.live.has(subgraph);
  }

  /** The feed of a subgraph connected (its entries are dropped: changes may have been missed) or was lost. */
  setLive(subgraph: string, live: boolean): void {
    this.invalidate(subgraph, true);
    if (live) this.live.add(subgraph);
    else this.live.delete(subgraph);
  }

  /** Drops the subgraph's private entries, and its shared ones too when `shared`. */
  invalidate(subgraph: string, shared: boolean): void {
    this.bump(subgraph, false);
    if (shared) this.bump(subgraph, true);
    this.countsOf(subgraph).invalidations += 1;
  }

  /** The generations a fetch stores under: read before it calls the subgraph. */
  generationOf(subgraph: string, shared: boolean): number {
    return this.generations.get(generationKey(subgraph, shared)) ?? 0;
  }

  get(subgraph: string, key: string, shared: boolean): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry || !('generation' in entry)) return undefined;
    if (entry.generation !== this.generationOf(subgraph, shared)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(subgraph: string, key: string, answer: CachedAnswer, generation: number): void {
    if (!this.live.has(subgraph) || generation !== this.generationOf(subgraph, answer.shared)) return;
    this.entries.set(key, { ...answer, generation }, { ttl: answer.maxAge * 1000 });
    this.countsOf(subgraph).stored += 1;
  }

  /** Every subgraph's generations now, for a request that may store its whole response later. */
  snapshot(): Generations {
    const now = new Map<string, readonly [number, number]>();
    for (const subgraph of this.live) {
      now.set(subgraph, [this.generationOf(subgraph, true), this.generationOf(subgraph, false)]);
    }
    return now;
  }

  /** A whole response, unless a subgraph it was made of announced a change since or is no longer followed. */
  getResponse(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry || !('parts' in entry)) return undefined;
    const current = entry.parts.every(
      ([subgraph, shared, own]) =>
        this.live.has(subgraph) &&
        shared === this.generationOf(subgraph, true) &&
        own === this.generationOf(subgraph, false),
    );
    if (current) return entry;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * Stores a whole response made of `subgraphs`' answers, kept no longer than its freshest-to-expire part
   * allows; nothing when a subgraph announced a change since `before` was taken.
   */
  setResponse(key: string, response: CachedResponse, before: Generations): void {
    const parts: [string, number, number][] = [];
    for (const subgraph of response.subgraphs) {
      const then = before.get(subgraph);
      if (
        !then ||
        then[0] !== this.generationOf(subgraph, true) ||
        then[1] !== this.generationOf(subgraph, false)
      ) {
        return;
      }
      parts.push([subgraph, then[0], then[1]]);
    }
    const ttl = response.maxAge * 1000 - response.ageAtStoreMs;
    if (parts.length === 0 || ttl <= 0) return;
    this.entries.set(key, { ...response, parts }, { ttl });
  }

  countsOf(subgraph: string): CacheCounts {
    let counts = this.counts.get(subgraph);
    if (!counts) {
      counts = { hits: 0, misses: 0, stored: 0, invalidations: 0 };
      this.counts.set(subgraph, counts);
    }
    return counts;
  }

  private bump(subgraph: string, shared: boolean): void {
    const key = generationKey(subgraph, shared);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }
}

function generationKey(subgraph: string, shared: boolean): string {
  return `${subgraph}\n${shared ? 'shared' : 'private'}`;
}
