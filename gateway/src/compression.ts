/**
 * Compression of the gateway's HTTP answers (brotli or gzip, as the client asks): the portal's pages and
 * bundles, and GraphQL answers to queries, which are large JSON and shrink five- to tenfold.
 *
 * Mutation answers are never compressed. They are where secrets appear (a new API key, a session token, an
 * invitation link), and a compressed secret next to text the caller chose is what BREACH-style attacks
 * measure. Meridian's credentials travel in headers, not cookies, so another site cannot make a browser send
 * such requests on a user's behalf; leaving the small mutation answers alone costs nothing and keeps it so if
 * that ever changes. `cacheHeadersPlugin` marks them `Cache-Control: no-transform`, which this middleware (and
 * any proxy in front) respects. Websocket frames are not touched.
 */
import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Answers smaller than this are sent as they are: compressing them saves less than it costs.
 * @internal
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

export function compressAnswers(): RequestHandler {
  const compress = compression({ threshold: COMPRESSION_THRESHOLD_BYTES });
  // A client that accepts no encoding (a server-side caller, a load tool) gets the answer as it is, without
  // the middleware wrapping every write of it: that wrapping cost about 40 µs per request in the edge
  // benchmark's profiles. Vary still tells a shared cache that the answer depends on Accept-Encoding.
  return (req, res, next) => {
    if (req.headers['accept-encoding'] !== undefined) return compress(req, res, next);
    res.vary('Accept-Encoding');
    next();
  };
}
