/**
 * The portal session. The short-lived access token lives in this page's memory only; the refresh token that
 * renews it is an HttpOnly cookie the gateway sets (script never sees it), sent only to `/auth/`. A new tab
 * or a reload therefore starts without a token and asks `POST /auth/refresh` for one, which rotates the
 * cookie. Refresh tokens work once, so refreshes are serialised across every tab of the site (Web Locks):
 * a tab that waited uses the cookie the previous refresh left. Access tokens are refreshed shortly before
 * they expire and once more when the gateway refuses one.
 */
import { useSyncExternalStore } from 'react';
import { graphql } from '../gql';
import type { SignedInUserQuery, TypedDocumentString } from '../gql/graphql';
import { ApiError, GRAPHQL_PATH, requestGraphQL } from './graphql';

const SIGNED_IN_USER = graphql(`
  query SignedInUser {
    me {
      id
      email
      name
      role
      partner {
        id
        name
      }
    }
  }
`);
/**
 * Signing in (and the other two ways in) asks for the tokens only: a call without a session may not read
 * partners (they need `billing:read`), so `SignedInUser` fills the user in after.
 */
const SIGN_IN = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);
const ACCEPT_INVITATION = graphql(`
  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {
    acceptInvitation(token: $token, name: $name, password: $password) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);
const RESET_PASSWORD = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);
const SIGN_OUT = graphql(`
  mutation SignOut {
    logout
  }
`);

type SessionUser = SignedInUserQuery['me'];

export interface Session {
  readonly accessToken: string;
  /** ISO time when the access token stops working. */
  readonly expiresAt: string;
  readonly user: SessionUser;
}

/** Where the gateway keeps the session cookie's door. */
const REFRESH_PATH = '/auth/refresh';
const LOGOUT_PATH = '/auth/logout';
/** Asks the gateway to put the refresh token in the cookie rather than in the answer. */
const COOKIE_MODE = { 'x-meridian-session': 'cookie' };
/** The name of the lock that lets one tab at a time exchange the cookie. */
const REFRESH_LOCK = 'meridian.portal.refresh';
/** Refresh this long before the access token expires, so a request never starts with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

type Tokens = Omit<Session, 'user'>;

/** Completes fresh tokens with the user they belong to, read with the tokens themselves. */
async function withUser(tokens: Tokens): Promise<Session> {
  const { me } = await requestGraphQL(SIGNED_IN_USER, {}, tokens.accessToken);
  return { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt, user: me };
}

/** undefined until the cookie has been tried, then the session or null. */
let current: Session | null | undefined;
let refreshing: Promise<Session> | undefined;
const listeners = new Set<() => void>();

function save(session: Session | null): void {
  current = session;
  for (const listener of listeners) listener();
}

/** Runs `task` while no other tab of the site refreshes (where the browser offers Web Locks). */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request(REFRESH_LOCK, task) as Promise<T>) : task();
}

/** New tokens for the session cookie (which the gateway rotates); UNAUTHENTICATED when there is none. */
async function tokensFromCookie(): Promise<Tokens> {
  let response: Response;
  try {
    response = await fetch(REFRESH_PATH, { method: 'POST', credentials: 'same-origin' });
  } catch {
    throw new ApiError('The gateway cannot be reached; check that Meridian is running.', 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Tokens> & {
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (response.ok && body.accessToken && body.expiresAt) {
    return { accessToken: body.accessToken, expiresAt: body.expiresAt };
  }
  const [first] = body.errors ?? [];
  throw new ApiError(
    first?.message ?? `the session door answered ${response.status}`,
    first?.extensions?.code ?? 'BAD_RESPONSE',
  );
}

function refresh(user?: SessionUser): Promise<Session> {
  refreshing ??= exclusively(tokensFromCookie)
    .then(async (tokens) => {
      const next = user ? { ...tokens, user } : await withUser(tokens);
      save(next);
      return next;
    })
    .catch((error: unknown) => {
      const ended =
        error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'PARTNER_SUSPENDED');
      if (ended || current === undefined) save(null);
      throw ended ? new ApiError('Your session has ended; sign in again.', 'UNAUTHENTICATED') : error;
    })
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

/** Tries the session cookie once, when the page first asks for the session. */
function restore(): void {
  if (current !== undefined || refreshing || typeof window === 'undefined') return;
  refresh().catch(() => undefined);
}

/** The signed-in session: null when signed out, undefined while the cookie is being tried. */
function getSession(): Session | null | undefined {
  if (typeof window === 'undefined') return null;
  restore();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in session (null when signed out or not known yet), re-rendering when it changes. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null) ?? null;
}

/** Whether the page is still finding out if someone is signed in (a new tab, a reload). */
export function useSessionPending(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => getSession() === undefined,
    () => true,
  );
}

async function open(tokens: Tokens): Promise<Session> {
  const session = await withUser(tokens);
  save(session);
  return session;
}

export async function signIn(email: string, password: string): Promise<Session> {
  const { login } = await requestGraphQL(SIGN_IN, { email, password }, undefined, COOKIE_MODE);
  return open(login);
}

export async function acceptInvitation(token: string, name: string, password: string): Promise<Session> {
  const { acceptInvitation: tokens } = await requestGraphQL(
    ACCEPT_INVITATION,
    { token, name, password },
    undefined,
    COOKIE_MODE,
  );
  return open(tokens);
}

/** Sets a new password with a reset link; every other session of the user ends, this one begins. */
export async function resetPassword(token: string, password: string): Promise<Session> {
  const { resetPassword: tokens } = await requestGraphQL(
    RESET_PASSWORD,
    { token, password },
    undefined,
    COOKIE_MODE,
  );
  return open(tokens);
}

export async function signOut(): Promise<void> {
  const session = current;
  save(null);
  try {
    // Ends the session the cookie belongs to, and clears the cookie, in every tab at once.
    await fetch(LOGOUT_PATH, { method: 'POST', credentials: 'same-origin' });
    if (session) await requestGraphQL(SIGN_OUT, {}, session.accessToken);
  } catch {
    // The token is gone from this page either way; an expired session needs no logout.
  }
}

/** A valid access token, refreshed first when it is about to expire; throws UNAUTHENTICATED when signed out. */
export async function accessToken(): Promise<string> {
  const session = current === undefined ? await refresh().catch(() => null) : current;
  if (!session) throw new ApiError('Sign in first.', 'UNAUTHENTICATED');
  if (Date.parse(session.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
  return (await refresh(session.user)).accessToken;
}

/** Runs an operation as the signed-in user; a refused token is refreshed and the operation tried once more. */
export async function callApi<Data, Variables>(
  operation: TypedDocumentString<Data, Variables>,
  variables: NoInfer<Variables>,
): Promise<Data> {
  try {
    return await requestGraphQL(operation, variables, await accessToken());
  } catch (error) {
    const session = current;
    if (!(error instanceof ApiError) || error.extensions.reason !== 'session' || !session) throw error;
    return requestGraphQL(operation, variables, (await refresh(session.user)).accessToken);
  }
}

/**
 * One GraphQL exchange as the signed-in user, answered whole (data and errors alike), as the explorer
 * shows it; a refused session is refreshed and the request sent once more. `headers` are sent too (the
 * explorer's Headers tab, credentials left out).
 */
export async function exchange(
  body: {
    query: string;
    variables?: Record<string, unknown> | null;
    operationName?: string | null;
  },
  headers: Readonly<Record<string, string>> = {},
): Promise<unknown> {
  const send = async (token: string) => {
    const response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { errors?: { extensions?: { reason?: unknown } }[] };
  };
  const answer = await send(await accessToken());
  const session = current;
  if (answer.errors?.[0]?.extensions?.reason !== 'session' || !session) return answer;
  return send((await refresh(session.user)).accessToken);
}
