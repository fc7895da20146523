/**
 * The internal HTTP routes the gateway calls, authenticated by the shared service token (compared in
 * constant time): resolving an API key hash to its partner (and the customer that partner is linked to),
 * plan and scopes, a partner's safelist, every partner's safelisted operations (which a gateway plans as it
 * starts), the key-change feed, and the usage intake (which takes a batch's valid events and names the
 * malformed ones).
 * JSON in and out; errors in the GraphQL error shape with catalog codes, like every other response.
 */
import {
  BILLING_ROUTES,
  INTERNAL_TOKEN_HEADER,
  type SessionTokensAnswer,
  type UsageIntakeAnswer,
} from '@meridian/contracts';
import { codeOf, hasInternalToken, sendError } from '@meridian/kit';
import { refreshSession } from '../auth/accounts';
import { sha256 } from '../auth/token';
import express, { type Express, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { BillingServices } from '../context';
import { parseUsageBatch } from '../usage/events';
import { listRecentOperations, MAX_LISTED_BYTES, MAX_LISTED_OPERATIONS } from '../safelist/safelist';
import { planLimits } from './plan-limits';
import { sessionGrant } from './sessions';

/** A comment line on the change feed this often keeps proxies from closing an idle stream. */
const FEED_HEARTBEAT_MS = 15_000;
/** A full usage batch of 10,000 events is about 3 MB of JSON. */
const MAX_INTERNAL_BODY_BYTES = 8_000_000;

/**
 * The limits a listing of safelisted operations is asked for: each optional, a positive integer, and lowered
 * to billing's own maximum; or the argument that is malformed.
 */
function listingLimits(
  body: unknown,
): { maxOperations: number; maxBytes: number } | { argument: string; problem: string } {
  const given = (body ?? {}) as Record<string, unknown>;
  const limits = { maxOperations: MAX_LISTED_OPERATIONS, maxBytes: MAX_LISTED_BYTES };
  for (const argument of ['maxOperations', 'maxBytes'] as const) {
    const value = given[argument];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return {
        argument,
        problem: `${argument} must be a positive integer (at most ${limits[argument]} is used)`,
      };
    }
    limits[argument] = Math.min(value, limits[argument]);
  }
  return limits;
}

/**
 * `onUsage` hears of each batch of usage that recorded something new, so the change feed can announce it:
 * gateways then drop the usage and quota answers they cached.
 */
export function internalRoutes(
  services: BillingServices,
  internalToken: string,
  onUsage: () => void = () => undefined,
) {
  return (app: Express): void => {
    const guard = (req: Request, res: Response, next: () => void) => {
      if (hasInternalToken(req, internalToken)) next();
      else sendError(res, 'UNAUTHENTICATED', `internal routes need the ${INTERNAL_TOKEN_HEADER} header`);
    };
    const json = express.json({ limit: MAX_INTERNAL_BODY_BYTES });

    app.post(BILLING_ROUTES.keyLookup, guard, json, async (req, res, next) => {
      try {
        const hash = (req.body as { hash?: unknown } | undefined)?.hash;
        if (typeof hash !== 'string')
          return sendError(res, 'BAD_USER_INPUT', 'hash must be a string', { argument: 'hash' });
        const result = await services.keys.lookup(hash.toLowerCase());
        if (result.status !== 'ok') {
          return sendError(res, 'UNAUTHENTICATED', `the API key is ${result.status}`, {
            reason: result.status,
          });
        }
        const { key, plan, partnerName, partnerCustomerId } = result.grant;
        res.json({
          keyId: key.id,
          partnerId: key.partnerId,
          partnerName,
          customerId: partnerCustomerId,
          environment: key.environment,
          scopes: key.scopes,
          expiresAt: key.expiresAt,
          safelistOnly: key.safelistOnly,
          // The whole plan, with the limits the gateway enforces (among them whether overage is allowed).
          plan: { ...plan, ...planLimits(plan) },
        });
      } catch (error) {
        next(error);
      }
    });

    app.post(BILLING_ROUTES.sessionLookup, guard, json, async (req, res, next) => {
      try {
        const token = (req.body as { token?: unknown } | undefined)?.token;
        if (typeof token !== 'string')
          return sendError(res, 'BAD_USER_INPUT', 'token must be a string', { argument: 'token' });
        const grant = await sessionGrant(services, token);
        if (!grant) return sendError(res, 'UNAUTHENTICATED', 'the session is unknown, expired or signed out');
        res.json(grant);
      } catch (error) {
        next(error);
      }
    });

    app.post(BILLING_ROUTES.sessionRefresh, guard, json, async (req, res, next) => {
      try {
        const refreshToken = (req.body as { refreshToken?: unknown } | undefined)?.refreshToken;
        if (typeof refreshToken !== 'string')
          return sendError(res, 'BAD_USER_INPUT', 'refreshToken must be a string', {
            argument: 'refreshToken',
          });
        const tokens = await refreshSession(
          { store: services.store, sessionSecret: services.config.sessionSecret, now: services.now },
          refreshToken,
        );
        const answer: SessionTokensAnswer = {
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          expiresAt: tokens.expiresAt.toISOString(),
        };
        res.json(answer);
      } catch (error) {
        const code = codeOf(error);
        if (!code) return next(error);
        const extensions = { ...(error as GraphQLError).extensions };
        delete extensions.code;
        delete extensions.http;
        sendError(res, code, (error as Error).message, extensions);
      }
    });

    app.post(BILLING_ROUTES.sessionEnd, guard, json, async (req, res, next) => {
      try {
        const refreshToken = (req.body as { refreshToken?: unknown } | undefined)?.refreshToken;
        if (typeof refreshToken !== 'string')
          return sendError(res, 'BAD_USER_INPUT', 'refreshToken must be a string', {
            argument: 'refreshToken',
          });
        await services.store.revokeSessionByRefresh(sha256(refreshToken), services.now());
        res.json({ ended: true });
      } catch (error) {
        next(error);
      }
    });

    app.post(BILLING_ROUTES.safelistLookup, guard, json, async (req, res, next) => {
      try {
        const partnerId = (req.body as { partnerId?: unknown } | undefined)?.partnerId;
        if (typeof partnerId !== 'string')
          return sendError(res, 'BAD_USER_INPUT', 'partnerId must be a string', { argument: 'partnerId' });
        const operations = await services.store.safelist(partnerId);
        res.json({ partnerId, operations: operations.map(({ id, text }) => ({ id, text })) });
      } catch (error) {
        next(error);
      }
    });

    // Every distinct operation on any partner's safelist, newest first, within the limits asked (each at most
    // billing's own), for a gateway to plan before its first request.
    app.post(BILLING_ROUTES.safelistOperations, guard, json, async (req, res, next) => {
      try {
        const limits = listingLimits(req.body);
        if ('problem' in limits) {
          return sendError(res, 'BAD_USER_INPUT', limits.problem, { argument: limits.argument });
        }
        res.json(await listRecentOperations(services.store, limits));
      } catch (error) {
        next(error);
      }
    });

    // Server-sent events: every key revocation, roll and plan change, so gateways drop cached grants at once.
    app.get(BILLING_ROUTES.keyChanges, guard, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': connected\n\n');
      const heartbeat = setInterval(() => res.write(': still here\n\n'), FEED_HEARTBEAT_MS);
      const stop = services.keys.onChange((change) => res.write(`data: ${JSON.stringify(change)}\n\n`));
      req.on('close', () => {
        clearInterval(heartbeat);
        stop();
      });
    });

    app.post(BILLING_ROUTES.usage, guard, json, async (req, res, next) => {
      try {
        const { events, rejected } = parseUsageBatch(req.body);
        // The valid events are stored even when others are refused: the sender keeps only the refused aside.
        const answer: UsageIntakeAnswer = { ...(await services.store.ingestUsage(events)), rejected };
        if (answer.accepted > 0) onUsage();
        res.json(answer);
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
          return sendError(res, 'BAD_USER_INPUT', error.message, { argument: error.extensions.argument });
        }
        next(error);
      }
    });
  };
}
