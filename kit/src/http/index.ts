/** What kit's HTTP service offers, as `@meridian/kit/http` and the package root export it. */
export { startHttpService } from './server';
export { MAX_BODY_BYTES } from './graphql-route';
export { REQUEST_ID_HEADER } from './request-log';
export type { SubscriptionChannel } from './websocket';
