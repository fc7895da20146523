export { cacheHeadersPlugin, createAnswerCache, noteAge } from './answers';
export { FetchCache, hintOf } from './fetch-cache';
export type { Fetched } from './fetch-cache';
export { responseCachePlugin } from './responses';
export { AnswerCache } from './store';
