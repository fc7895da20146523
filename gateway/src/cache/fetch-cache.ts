/**
 * Caching one subgraph's answers to the fetches of query plans, the way its `Cache-Control` header allows.
 *
 * - A root fetch is cached whole, by its query and variables.
 * - An entity fetch (`_entities(representations: …)`) is cached entity by entity, by its query, its other
 *   variables and the entity's representation: a cached `Team` serves every plan that fetches that selection
 *   of it, whatever other entities the fetch also asks for. Only the entities not in the cache are fetched.
 * - A `public` answer is shared by every caller; a `private` one is kept per caller identity (`identityKey`:
 *   partner, customer, user, role and scopes), so what a subgraph filtered for one partner is never given to
 *   another. A fetch looks for the shared entry first, then its caller's own.
 * - Nothing is cached from an answer with errors, without a `max-age`, or marked `no-store`; nothing of a
 *   mutation's plan is ever read from or written to the cache (the data source asks only for queries).
 */
import { createHash } from 'node:crypto';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Principal } from '@meridian/kit/principal';
import type { GraphQLFormattedError } from 'graphql';
import { identityKey, variablesKey } from '../dedup/identity';
import type { AnswerCache, CachedAnswer } from './store';

export interface CacheHint {
  readonly maxAge: number;
  readonly scope: 'PUBLIC' | 'PRIVATE';
}

export type SubgraphResponse = {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
};

/** A subgraph's answer to one fetch, with what it says of its caching. */
export interface Fetched<Response extends SubgraphResponse = SubgraphResponse> {
  readonly response: Response;
  /** The hint the answer carries (its own, or its cached parts' and fetched parts' together). */
  readonly hint: CacheHint | undefined;
  /** How long ago the oldest cached part of the answer was fetched, when a part came from the cache. */
  readonly ageMs?: number;
}

/**
 * The hint of a `Cache-Control` header as Apollo Server writes it (`max-age=60, public`, `no-store`);
 * undefined when the answer may not be cached.
 */
export function hintOf(header: string | null | undefined): CacheHint | undefined {
  if (!header) return undefined;
  // A subgraph sends a handful of distinct headers; each is read once.
  if (hints.has(header)) return hints.get(header);
  if (hints.size >= HINTS_REMEMBERED) hints.clear();
  const hint = readHint(header);
  hints.set(header, hint);
  return hint;
}

/** Distinct `Cache-Control` values remembered with their hint. */
const HINTS_REMEMBERED = 256;
const hints = new Map<string, CacheHint | undefined>();

function readHint(header: string): CacheHint | undefined {
  const directives = header
    .toLowerCase()
    .split(',')
    .map((part) => part.trim());
  if (directives.includes('no-store') || directives.includes('no-cache')) return undefined;
  const maxAge = directives.find((part) => /^max-age=\d+$/.test(part));
  const seconds = maxAge ? Number(maxAge.slice('max-age='.length)) : 0;
  if (!(seconds > 0)) return undefined;
  return Object.freeze({ maxAge: seconds, scope: directives.includes('public') ? 'PUBLIC' : 'PRIVATE' });
}

/** The stricter of two hints: the shorter life, private if either is. Undefined (uncacheable) wins. */
function stricter(a: CacheHint | undefined, b: CacheHint | undefined): CacheHint | undefined {
  if (!a || !b) return undefined;
  return {
    maxAge: Math.min(a.maxAge, b.maxAge),
    scope: a.scope === 'PRIVATE' || b.scope === 'PRIVATE' ? 'PRIVATE' : 'PUBLIC',
  };
}

function hintOfEntry(entry: CachedAnswer): CacheHint {
  return { maxAge: entry.maxAge, scope: entry.shared ? 'PUBLIC' : 'PRIVATE' };
}

function isClean(response: SubgraphResponse): boolean {
  return !response.errors?.length && response.data !== null && typeof response.data === 'object';
}

export class FetchCache {
  constructor(
    private readonly subgraph: string,
    private readonly store: AnswerCache,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The answer to a query-plan fetch of a query operation: from the cache where it can be, the rest through
   * `send`. Undefined variables too deep to serialize go straight to `send`.
   */
  async fetch<Response extends SubgraphResponse>(
    options: GraphQLDataSourceProcessOptions,
    principal: Principal,
    send: (options: GraphQLDataSourceProcessOptions) => Promise<Fetched<Response>>,
  ): Promise<Fetched<Response>> {
    if (!this.store.isLive(this.subgraph)) return send(options);
    const { query, variables } = options.request;
    const { representations, ...others } = variables ?? {};
    const othersJson = variablesKey(others);
    if (query === undefined || othersJson === undefined) return send(options);
    // The query and variables by their digest: short keys, however long the query.
    const base = createHash('sha256').update(query).update('\n').update(othersJson).digest('base64');
    const identity = identityKey(principal);
    if (!Array.isArray(representations)) {
      return this.fetchWhole(options, base, identity, send);
    }
    return this.fetchEntities(options, representations, base, identity, send);
  }

  private async fetchWhole<Response extends SubgraphResponse>(
    options: GraphQLDataSourceProcessOptions,
    base: string,
    identity: string,
    send: (options: GraphQLDataSourceProcessOptions) => Promise<Fetched<Response>>,
  ): Promise<Fetched<Response>> {
    const keys = this.keysOf(base, identity);
    const hit = this.lookup(keys);
    const counts = this.store.countsOf(this.subgraph);
    if (hit) {
      counts.hits += 1;
      return {
        response: { data: JSON.parse(hit.json) } as Response,
        hint: hintOfEntry(hit),
        ageMs: this.clock() - hit.storedAt,
      };
    }
    counts.misses += 1;
    const generations = this.generations();
    const fetched = await send(options);
    if (fetched.hint && isClean(fetched.response)) {
      this.keep(keys, JSON.stringify(fetched.response.data), fetched.hint, generations);
    }
    return fetched;
  }

  private async fetchEntities<Response extends SubgraphResponse>(
    options: GraphQLDataSourceProcessOptions,
    representations: readonly unknown[],
    base: string,
    identity: string,
    send: (options: GraphQLDataSourceProcessOptions) => Promise<Fetched<Response>>,
  ): Promise<Fetched<Response>> {
    const counts = this.store.countsOf(this.subgraph);
    const keys = representations.map((representation) =>
      this.keysOf(`${base}\n${JSON.stringify(representation)}`, identity),
    );
    const hits = keys.map((key) => this.lookup(key));
    const missing = hits.flatMap((hit, index) => (hit ? [] : [index]));
    counts.hits += representations.length - missing.length;
    counts.misses += missing.length;
    const cachedHint = hits.reduce<CacheHint | undefined>(
      (hint, hit) => (hit ? (hint ? stricter(hint, hintOfEntry(hit)) : hintOfEntry(hit)) : hint),
      undefined,
    );
    const oldest = Math.max(-1, ...hits.map((hit) => (hit ? this.clock() - hit.storedAt : -1)));
    const ageMs = oldest >= 0 ? oldest : undefined;
    const entities: unknown[] = hits.map((hit) => (hit ? JSON.parse(hit.json) : null));
    if (missing.length === 0) {
      return { response: { data: { _entities: entities } } as unknown as Response, hint: cachedHint, ageMs };
    }
    if (missing.length === representations.length) {
      const generations = this.generations();
      const fetched = await send(options);
      this.keepEntities(fetched, keys, generations);
      return fetched;
    }
    const generations = this.generations();
    const fetched = await send({
      ...options,
      request: {
        ...options.request,
        variables: { ...options.request.variables, representations: missing.map((i) => representations[i]) },
      },
    } as GraphQLDataSourceProcessOptions);
    this.keepEntities(
      fetched,
      missing.map((i) => keys[i]!),
      generations,
    );
    const fetchedEntities = entitiesOf(fetched.response);
    missing.forEach((original, index) => (entities[original] = fetchedEntities?.[index] ?? null));
    const errors = fetched.response.errors?.map((error) => renumbered(error, missing));
    const response = {
      ...fetched.response,
      data: fetched.response.data === null && !fetchedEntities ? null : { _entities: entities },
      ...(errors ? { errors } : {}),
    } as Response;
    return { response, hint: stricter(cachedHint, fetched.hint), ageMs };
  }

  private keepEntities(
    fetched: Fetched,
    keys: readonly (readonly [string, string])[],
    generations: Generations,
  ): void {
    const entities = entitiesOf(fetched.response);
    if (!fetched.hint || !isClean(fetched.response) || entities?.length !== keys.length) return;
    keys.forEach((key, index) =>
      this.keep(key, JSON.stringify(entities[index] ?? null), fetched.hint!, generations),
    );
  }

  /** The shared key, then the caller's own. */
  private keysOf(base: string, identity: string): readonly [string, string] {
    return [`${this.subgraph}\nshared\n${base}`, `${this.subgraph}\nprivate\n${identity}\n${base}`];
  }

  private lookup([sharedKey, privateKey]: readonly [string, string]): CachedAnswer | undefined {
    return this.store.get(this.subgraph, sharedKey, true) ?? this.store.get(this.subgraph, privateKey, false);
  }

  private generations(): Generations {
    return {
      shared: this.store.generationOf(this.subgraph, true),
      private: this.store.generationOf(this.subgraph, false),
    };
  }

  private keep(
    [sharedKey, privateKey]: readonly [string, string],
    json: string,
    hint: CacheHint,
    generations: Generations,
  ): void {
    const shared = hint.scope === 'PUBLIC';
    this.store.set(
      this.subgraph,
      shared ? sharedKey : privateKey,
      { json, storedAt: this.clock(), maxAge: hint.maxAge, shared },
      shared ? generations.shared : generations.private,
    );
  }
}

interface Generations {
  readonly shared: number;
  readonly private: number;
}

function entitiesOf(response: SubgraphResponse): unknown[] | undefined {
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  return Array.isArray(entities) ? entities : undefined;
}

/** An error of the fetch of the missing entities, with its path pointing at the entity's place in the plan's fetch. */
function renumbered(error: GraphQLFormattedError, missing: readonly number[]): GraphQLFormattedError {
  const [field, index, ...rest] = error.path ?? [];
  if (field !== '_entities' || typeof index !== 'number' || missing[index] === undefined) return error;
  return { ...error, path: [field, missing[index], ...rest] };
}
