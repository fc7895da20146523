/**
 * `/graphql` opened in a browser: a page, not an API call, so it is sent to the portal's explorer (one
 * explorer, with the developer's own session or keys). A `query` and `variables` in the address come along,
 * so a link to `/graphql?query=…` opens that operation there. API calls to `/graphql` are not affected: a
 * client asks for JSON (or nothing in particular), a browser navigating asks for HTML first.
 */
import type { RequestHandler } from 'express';

/** The console's explorer; its share links have the form `?query=<text>&variables=<JSON>`. */
const EXPLORER_PATH = '/console/explorer';

/** Address parameters the explorer reads; anything else (an API key, say) is not passed along. */
const SHARED_PARAMETERS = ['query', 'variables'] as const;

export function explorerRedirect(): RequestHandler {
  return (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') {
      return next();
    }
    const shared = new URLSearchParams();
    for (const name of SHARED_PARAMETERS) {
      const value = req.query[name];
      if (typeof value === 'string') shared.set(name, value);
    }
    const search = shared.toString();
    res.redirect(302, search ? `${EXPLORER_PATH}?${search}` : EXPLORER_PATH);
  };
}
