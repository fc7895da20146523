/**
 * The portal session: the short-lived access token and its refresh token, kept in memory and in this tab's
 * sessionStorage (never localStorage: closing the tab ends the session, and no long-lived API key is ever
 * stored in the browser). Access tokens are refreshed shortly before they expire and once more when the
 * gateway refuses one; a refresh token works once, so concurrent refreshes share one request.
 */
import { useSyncExternalStore } from 'react';
import { ApiError, GRAPHQL_PATH, requestGraphQL } from './graphql';

export type Role = 'ADMIN' | 'DEVELOPER';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly partner: { readonly id: string; readonly name: string } | null;
}

export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** ISO time when the access token stops working. */
  readonly expiresAt: string;
  readonly user: SessionUser;
}

const STORAGE_KEY = 'meridian.portal.session';
/** Refresh this long before the access token expires, so a request never starts with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

/** A call without a session may not read partners (they need `billing:read`): `me` fills the user in after. */
const SESSION_FIELDS = 'accessToken refreshToken expiresAt';

type Tokens = Omit<Session, 'user'>;

/** Completes fresh tokens with the user they belong to, read with the tokens themselves. */
async function withUser(tokens: Tokens): Promise<Session> {
  const { me } = await requestGraphQL<{ me: SessionUser }>(
    'query SignedInUser { me { id email name role partner { id name } } }',
    {},
    tokens.accessToken,
  );
  return { ...tokens, user: me };
}

let current: Session | null | undefined;
let refreshing: Promise<Session> | undefined;
const listeners = new Set<() => void>();

function read(): Session | null {
  if (current !== undefined) return current;
  try {
    const stored = window.sessionStorage.getItem(STORAGE_KEY);
    current = stored ? (JSON.parse(stored) as Session) : null;
  } catch {
    current = null;
  }
  return current;
}

function save(session: Session | null): void {
  current = session;
  try {
    if (session) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the session lives in memory for this page.
  }
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return typeof window === 'undefined' ? null : read();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in session (null when signed out), re-rendering when it changes. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null);
}

export async function signIn(email: string, password: string): Promise<Session> {
  const { login } = await requestGraphQL<{ login: Tokens }>(
    `mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { ${SESSION_FIELDS} } }`,
    { email, password },
  );
  const session = await withUser(login);
  save(session);
  return session;
}

export async function acceptInvitation(token: string, name: string, password: string): Promise<Session> {
  const { acceptInvitation: tokens } = await requestGraphQL<{ acceptInvitation: Tokens }>(
    `mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {
      acceptInvitation(token: $token, name: $name, password: $password) { ${SESSION_FIELDS} } }`,
    { token, name, password },
  );
  const session = await withUser(tokens);
  save(session);
  return session;
}

export async function signOut(): Promise<void> {
  const session = read();
  save(null);
  if (!session) return;
  try {
    await requestGraphQL('mutation SignOut { logout }', {}, session.accessToken);
  } catch {
    // The tokens are gone from this tab either way; an expired session needs no logout.
  }
}

function refresh(session: Session): Promise<Session> {
  refreshing ??= requestGraphQL<{ refreshSession: Tokens }>(
    `mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${SESSION_FIELDS} } }`,
    { refreshToken: session.refreshToken },
  )
    .then(({ refreshSession }) => {
      const next = { ...refreshSession, user: session.user };
      save(next);
      return next;
    })
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') save(null);
      throw error instanceof ApiError && error.code === 'UNAUTHENTICATED'
        ? new ApiError('Your session has ended; sign in again.', 'UNAUTHENTICATED')
        : error;
    })
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

/** A valid access token, refreshed first when it is about to expire; throws UNAUTHENTICATED when signed out. */
export async function accessToken(): Promise<string> {
  const session = read();
  if (!session) throw new ApiError('Sign in first.', 'UNAUTHENTICATED');
  if (Date.parse(session.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
  return (await refresh(session)).accessToken;
}

/** Runs an operation as the signed-in user; a refused token is refreshed and the operation tried once more. */
export async function callApi<Data>(query: string, variables: Readonly<Record<string, unknown>> = {}) {
  try {
    return await requestGraphQL<Data>(query, variables, await accessToken());
  } catch (error) {
    const session = read();
    if (!(error instanceof ApiError) || error.extensions.reason !== 'session' || !session) throw error;
    return requestGraphQL<Data>(query, variables, (await refresh(session)).accessToken);
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
  const session = read();
  if (answer.errors?.[0]?.extensions?.reason !== 'session' || !session) return answer;
  return send((await refresh(session)).accessToken);
}
