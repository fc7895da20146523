/**
 * The portal's session door. A browser page keeps the short-lived access token in memory only; the refresh
 * token that renews it lives in a cookie script cannot read (`HttpOnly`), that no other site can make the
 * browser send (`SameSite=Strict`, and `Origin` must be this gateway), that travels only to `/auth/`, and
 * only over HTTPS when the portal is served over HTTPS. So a new tab or a reload signs back in by calling
 * `POST /auth/refresh`, and a script injected into the page could steal at most an access token.
 *
 * The page opts in with the `x-meridian-session: cookie` header on `login`, `acceptInvitation` and
 * `resetPassword`: the gateway then moves the refresh token of the answer into the cookie and leaves an
 * empty string in its place. Other clients (scripts, the CLI) keep getting the refresh token in the body.
 * Every refresh rotates the cookie (billing's refresh tokens work once; a replayed one ends the session).
 */
import { BILLING_ROUTES, SessionTokensAnswerSchema } from '@meridian/contracts';
import type { ApolloServerPlugin } from '@apollo/server';
import { sendError } from '@meridian/kit/refusals';
import type { Express, Request, Response } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { postLookup } from '../billing-lookup';
import type { GatewayContext } from '../request';

const SESSION_COOKIE = 'meridian_refresh';
const SESSION_COOKIE_PATH = '/auth';
const SESSION_REFRESH_ROUTE = `${SESSION_COOKIE_PATH}/refresh`;
const SESSION_LOGOUT_ROUTE = `${SESSION_COOKIE_PATH}/logout`;
/** The header a browser page sends to get its refresh token as a cookie. */
const SESSION_MODE_HEADER = 'x-meridian-session';
/** As long as billing keeps a session alive. */
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** The mutations that open a session. `refreshSession` is left out: the page refreshes at `/auth/refresh`. */
const SESSION_FIELDS = new Set(['login', 'acceptInvitation', 'resetPassword']);

/** Whether a request was sent by a page of this very gateway (its `Origin` names this host). */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function cookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    `Path=${SESSION_COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function isHttps(origin: string | undefined, protocol?: string): boolean {
  return protocol === 'https' || (origin ?? '').startsWith('https:');
}

/** The response keys (aliases included) of the root fields that open a session. */
function sessionKeys(operation: OperationDefinitionNode): string[] {
  if (operation.operation !== 'mutation') return [];
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && SESSION_FIELDS.has(selection.name.value)
      ? [selection.alias?.value ?? selection.name.value]
      : [],
  );
}

export function sessionCookiePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const headers = request.http?.headers;
      if (headers?.get(SESSION_MODE_HEADER) !== 'cookie') return;
      const origin = headers.get('origin');
      if (!sameOrigin(origin, headers.get('host'))) return;
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single' || !operation) return;
          const data = response.body.singleResult.data as Record<string, unknown> | null | undefined;
          for (const key of sessionKeys(operation)) {
            const session = data?.[key] as { refreshToken?: unknown } | null | undefined;
            if (typeof session?.refreshToken !== 'string' || session.refreshToken === '') continue;
            response.http.headers.set(
              'set-cookie',
              cookie(session.refreshToken, isHttps(origin), COOKIE_MAX_AGE_SECONDS),
            );
            session.refreshToken = '';
          }
        },
      };
    },
  };
}

function readCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

export interface SessionCookieOptions {
  /** Billing's base URL, whose internal routes refresh and end sessions. */
  readonly billingUrl: string;
  readonly internalToken: string;
  readonly timeoutMs: number;
}

/** `POST /auth/refresh` and `POST /auth/logout`, for pages of this gateway only. */
export function sessionCookieRoutes(app: Express, options: SessionCookieOptions): void {
  const call = (path: string, refreshToken: string) =>
    postLookup({
      url: new URL(path, options.billingUrl).toString(),
      internalToken: options.internalToken,
      body: { refreshToken },
      timeoutMs: options.timeoutMs,
    });
  /** The cookie door is for this gateway's own pages: another site cannot even make the browser try it. */
  const fromOwnPage = (req: Request, res: Response): boolean => {
    if (sameOrigin(req.headers.origin, req.headers.host)) return true;
    sendError(res, 'FORBIDDEN', 'the session cookie is accepted only from pages of this site (Origin)', {
      reason: 'cross-origin',
    });
    return false;
  };
  const clear = (req: Request, res: Response) =>
    res.setHeader('set-cookie', cookie('', isHttps(req.headers.origin, req.protocol), 0));

  app.post(SESSION_REFRESH_ROUTE, async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (!fromOwnPage(req, res)) return;
    const refreshToken = readCookie(req);
    if (!refreshToken) {
      return sendError(res, 'UNAUTHENTICATED', 'no session cookie: sign in', { reason: 'no-session' });
    }
    let answer: globalThis.Response;
    try {
      answer = await call(BILLING_ROUTES.sessionRefresh, refreshToken);
    } catch {
      return sendError(res, 'DOWNSTREAM_SERVICE_ERROR', 'The billing service is unavailable', {
        serviceName: 'billing',
      });
    }
    const body: unknown = await answer.json().catch(() => undefined);
    if (!answer.ok) {
      // A refused token (unknown, replayed, or its partner suspended) is useless now: the browser forgets it.
      if (answer.status === 401 || answer.status === 403) clear(req, res);
      return res.status(answer.status).json(body ?? {});
    }
    const tokens = SessionTokensAnswerSchema.safeParse(body);
    if (!tokens.success) {
      return sendError(res, 'DOWNSTREAM_SERVICE_ERROR', 'The billing service gave an unreadable answer', {
        serviceName: 'billing',
      });
    }
    const { accessToken, refreshToken: next, expiresAt } = tokens.data;
    res.setHeader(
      'set-cookie',
      cookie(next, isHttps(req.headers.origin, req.protocol), COOKIE_MAX_AGE_SECONDS),
    );
    res.json({ accessToken, expiresAt });
  });

  app.post(SESSION_LOGOUT_ROUTE, async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (!fromOwnPage(req, res)) return;
    const refreshToken = readCookie(req);
    clear(req, res);
    if (refreshToken) {
      try {
        await call(BILLING_ROUTES.sessionEnd, refreshToken);
      } catch {
        return sendError(res, 'DOWNSTREAM_SERVICE_ERROR', 'The billing service is unavailable', {
          serviceName: 'billing',
        });
      }
    }
    res.json({ ended: true });
  });
}
