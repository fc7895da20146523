export { ageOf, cacheHeadersPlugin, createAnswerCache, noteAge } from './answers';
export type { AnswerCacheOptions } from './answers';
export { FetchCache, hintOf } from './fetch-cache';
export type { CacheHint, Fetched } from './fetch-cache';
export { AnswerCache } from './store';
export type { CacheCounts, CachedAnswer } from './store';
