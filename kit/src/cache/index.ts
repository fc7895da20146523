export { CacheHint, NeverCached } from './directives';
export type { CacheHintSpec, CacheLifetime } from './directives';
