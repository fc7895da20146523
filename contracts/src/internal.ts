/**
 * The routes services call on each other, outside the public API. Each is guarded by the shared internal
 * token, sent in `INTERNAL_TOKEN_HEADER`; the paths are defined here once, for the side that serves them and
 * the side that calls them.
 */

/** The header service-to-service routes require, holding the shared internal token. */
export const INTERNAL_TOKEN_HEADER = 'x-meridian-internal-token';

/** Every subgraph's change feed (server-sent events), which the gateway's answer cache follows. */
export const CHANGES_PATH = '/internal/changes';

/** Billing's internal routes, called by the gateway. */
export const BILLING_ROUTES = {
  /** An API key's hash to its grant (`KeyLookupAnswer`). */
  keyLookup: '/internal/keys/lookup',
  /** Key revocations, rolls, plan and partner changes, as server-sent events (`KeyChange`). */
  keyChanges: '/internal/keys/changes',
  /** A portal access token to its grant (`SessionLookupAnswer`). */
  sessionLookup: '/internal/sessions/lookup',
  /** Exchanges a refresh token, once, for new tokens (`SessionTokensAnswer`). */
  sessionRefresh: '/internal/sessions/refresh',
  /** Ends the session of a refresh token. */
  sessionEnd: '/internal/sessions/end',
  /** A partner's safelisted operations (`SafelistLookupAnswer`). */
  safelistLookup: '/internal/safelists/lookup',
  /** Every partner's recent safelisted operations, for a gateway to plan as it starts. */
  safelistOperations: '/internal/safelists/operations',
  /** The usage intake: batches of `UsageEvent` (`UsageIntakeAnswer`). */
  usage: '/internal/usage',
} as const;
