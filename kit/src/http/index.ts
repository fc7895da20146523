/** What kit's HTTP service offers, as `@meridian/kit/http` and the package root export it. */
export { startHttpService } from './server';
export type { HttpService, HttpServiceOptions } from './server';
export { createErrorFormatter } from './errors';
export { MAX_BODY_BYTES } from './graphql-route';
export { REQUEST_ID_HEADER } from './request-log';
export { WS_FORBIDDEN } from './websocket';
export type { SubscriptionChannel, WebSocketOptions } from './websocket';
