export { ageOf, cacheHeadersPlugin, createAnswerCache, noteAge } from './answers';
export type { AnswerCacheOptions } from './answers';
export { FetchCache, hintOf } from './fetch-cache';
export type { CacheHint, Fetched } from './fetch-cache';
export { responseCachePlugin } from './responses';
export { AnswerCache } from './store';
export type { CacheCounts, CachedAnswer, CachedResponse, Generations } from './store';
