export {
  CacheHint,
  cacheControlDefinitions,
  cacheControlDirective,
  NEVER_CACHED,
  NeverCached,
} from './directives';
export type { CacheHintSpec, CacheLifetime, CacheScope } from './directives';
export { uncacheableUnhintedEntities } from './entities';
export { applyValueCacheHints, hintedReference } from './values';
export type { ReferenceResolver, ValueCacheHint, ValueCacheHints } from './values';
