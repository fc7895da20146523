/**
 * How a subgraph says how long its answers may be cached, and by whom: Apollo Server's `@cacheControl`, which
 * its cache-control plugin turns into each answer's `Cache-Control` header (the lowest `maxAge` of every field
 * in the answer, `private` if any is). A root field or a field returning an object, with no hint of its own or
 * of its type, makes the whole answer uncacheable; scalar fields take their parent's. The decorators below
 * write the directive on type-graphql classes and resolvers.
 */
import { Directive } from 'type-graphql';

/**
 * What every subgraph schema adds for `@cacheControl`. The hints concern each subgraph's own HTTP answers,
 * never the supergraph: composition leaves the directive and its enum out (`schema/compose/compose.ts`).
 */
export const cacheControlDefinitions = `
  enum CacheControlScope {
    PUBLIC
    PRIVATE
  }

  directive @cacheControl(
    maxAge: Int
    scope: CacheControlScope
    inheritMaxAge: Boolean
  ) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

/** `PUBLIC`: the same answer for every caller. `PRIVATE`: the answer depends on who asks. */
type CacheScope = 'PUBLIC' | 'PRIVATE';

/** How long, in whole seconds, and for whom an answer may be kept; `maxAge: 0` never. */
export interface CacheLifetime {
  readonly maxAge: number;
  readonly scope: CacheScope;
}

/**
 * A static hint: a lifetime of its own, or the lifetime of the field it hangs off (`inheritMaxAge`), for
 * types that are only ever reached through another (a match's events live as long as the match).
 */
export type CacheHintSpec = CacheLifetime | { readonly inheritMaxAge: true; readonly scope?: CacheScope };

type CacheDecorator = ReturnType<typeof Directive>;

function checkMaxAge(maxAge: number): void {
  if (!Number.isSafeInteger(maxAge) || maxAge < 0) {
    throw new Error(`a cache hint's maxAge is whole seconds, 0 or more; got ${maxAge}`);
  }
}

/**
 * The directive's text, e.g. `@cacheControl(maxAge: 60, scope: PUBLIC)`.
 * @internal
 */
export function cacheControlDirective(hint: CacheHintSpec): string {
  const scope = hint.scope === undefined ? '' : `, scope: ${hint.scope}`;
  if ('inheritMaxAge' in hint) return `@cacheControl(inheritMaxAge: true${scope})`;
  checkMaxAge(hint.maxAge);
  return `@cacheControl(maxAge: ${hint.maxAge}${scope})`;
}

/** `@cacheControl` on an `@ObjectType` class, a `@Field` or a resolver's `@Query` / `@FieldResolver`. */
export function CacheHint(hint: CacheHintSpec): CacheDecorator {
  return Directive(cacheControlDirective(hint));
}

/** The hint of what is never cached. */
export const NEVER_CACHED = '@cacheControl(maxAge: 0)';

/**
 * `@cacheControl(maxAge: 0)`: any answer holding this is never cached, wherever it is reached from. For
 * credentials, sessions, people and anything else that must always be read fresh.
 */
export function NeverCached(): CacheDecorator {
  return Directive(NEVER_CACHED);
}
