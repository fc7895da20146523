/**
 * Portal accounts: signing in, sessions, invitations. An access token is short lived and signed (HMAC);
 * the refresh token that renews it is random, stored only as a hash, and replaced at every use. A refresh
 * token presented a second time has been copied, and nobody can tell the thief from the owner, so the
 * whole session ends: both sign in again. Logging out revokes the session, which also ends its access tokens.
 */
import { newId } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import isEmail from 'validator/lib/isEmail';
import type { BillingStore, UserRecord } from '../store';
import { audit } from './audit';
import { standingOf } from './current-users';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { owns, requirePrincipal, type Principal, type Role } from './principal';
import { randomSecret, sha256, signToken, verifyToken } from './token';

const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
export const INVITATION_TTL_SECONDS = 72 * 60 * 60;
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 200;

export interface AccountDeps {
  readonly store: BillingStore;
  readonly sessionSecret: string;
  readonly now: () => Date;
}

export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
  readonly user: UserRecord;
}

export interface IssuedInvitation {
  readonly id: string;
  /** The secret of the link; shown once, stored only as a hash. */
  readonly token: string;
  readonly email: string;
  readonly role: Role;
  readonly partnerId: string | null;
  readonly expiresAt: Date;
}

interface AccessPayload {
  sid: string;
  sub: string;
  pid: string | null;
  role: Role;
  exp: number;
}

/**
 * What is wrong with an address, or undefined when it is a deliverable-looking one. The check is
 * `validator`'s (RFC 5321 lengths, one `@`, a domain with a dot), not a pattern of our own.
 */
export function emailProblem(email: string): string | undefined {
  if (email.length > MAX_EMAIL_LENGTH) return `is longer than ${MAX_EMAIL_LENGTH} characters`;
  if (!isEmail(email)) return 'is not an e-mail address';
  return undefined;
}

export function normalizeEmail(email: string, argument = 'email'): string {
  const normalized = email.trim().toLowerCase();
  const problem = emailProblem(normalized);
  if (problem) {
    throw codedError('BAD_USER_INPUT', `${argument}: "${email.trim()}" ${problem}`, {
      argument,
      email: email.trim(),
    });
  }
  return normalized;
}

export async function openSession(deps: AccountDeps, user: UserRecord): Promise<SessionTokens> {
  const now = deps.now();
  const refreshToken = randomSecret();
  const id = newId('ses');
  await deps.store.createSession({
    id,
    userId: user.id,
    refreshHash: sha256(refreshToken),
    createdAt: now,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    revokedAt: null,
  });
  return { ...accessFor(deps, id, user, now), refreshToken, user };
}

function accessFor(deps: AccountDeps, sessionId: string, user: UserRecord, now: Date) {
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
  const payload: AccessPayload = {
    sid: sessionId,
    sub: user.id,
    pid: user.partnerId,
    role: user.role,
    exp: Math.floor(expiresAt.getTime() / 1000),
  };
  return { accessToken: signToken(payload, deps.sessionSecret), expiresAt };
}

export async function login(deps: AccountDeps, email: string, password: string): Promise<SessionTokens> {
  const user = await deps.store.userByEmail(email.trim().toLowerCase());
  // The same answer, and a hash computed either way, whether the email is unknown or the password wrong.
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) throw codedError('UNAUTHENTICATED', 'unknown email or wrong password');
  return openSession(deps, user);
}

/** A well-formed hash of a random password, so a login for an unknown email costs as much as a real one. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function refreshSession(deps: AccountDeps, refreshToken: string): Promise<SessionTokens> {
  const nextToken = randomSecret();
  const now = deps.now();
  const rotation = await deps.store.rotateRefresh(sha256(refreshToken), sha256(nextToken), now);
  if (rotation.status === 'reused') {
    throw codedError(
      'UNAUTHENTICATED',
      'the refresh token was already used, so it may have been copied: its session is ended, sign in again',
    );
  }
  if (rotation.status === 'refused') {
    throw codedError('UNAUTHENTICATED', 'the refresh token is unknown, revoked or expired');
  }
  const { session } = rotation;
  const [user] = await deps.store.usersByIds([session.userId]);
  if (!user) throw codedError('UNAUTHENTICATED', 'the session’s user no longer exists');
  // A session opened before its partner was suspended keeps its access token until it expires, but is not
  // renewed: access granted before the suspension ends with it. Signing in again gives a session that
  // reads what a suspended partner may (its keys, usage, invoices), and that one is renewed as usual.
  const [partner] =
    user.role === 'developer' && user.partnerId ? await deps.store.partnersByIds([user.partnerId]) : [];
  if (partner?.suspendedAt && session.createdAt <= partner.suspendedAt) {
    await deps.store.revokeSession(session.id, now);
    throw codedError(
      'PARTNER_SUSPENDED',
      `${partner.name} was suspended after this session began: it is not renewed; sign in again`,
      { argument: 'refreshToken' },
    );
  }
  return { ...accessFor(deps, session.id, user, now), refreshToken: nextToken, user };
}

export async function logout(deps: AccountDeps, principal: Principal | null): Promise<boolean> {
  const known = requirePrincipal(principal);
  if (!known.sessionId) throw codedError('BAD_USER_INPUT', 'only a portal session can log out');
  await deps.store.revokeSession(known.sessionId, deps.now());
  return true;
}

/**
 * The principal of a portal access token, with the role and partner its user has now; undefined when it is
 * not one of ours, has expired, belongs to a session that was logged out, or its user is gone.
 */
export async function authenticateAccessToken(
  deps: AccountDeps,
  token: string,
): Promise<Principal | undefined> {
  const payload = verifyToken(token, deps.sessionSecret) as Partial<AccessPayload> | undefined;
  if (!payload || typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return undefined;
  const now = deps.now();
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= now.getTime()) return undefined;
  const [session] = await deps.store.sessionsByIds([payload.sid]);
  if (!session || session.revokedAt || session.expiresAt <= now || session.userId !== payload.sub)
    return undefined;
  // The role and partner the user has now, not the ones written in the token at sign-in.
  const [user] = await deps.store.usersByIds([payload.sub]);
  const standing = standingOf(user);
  if (!standing) return undefined;
  return {
    ...standing,
    scopes: [],
    keyId: null,
    userId: payload.sub,
    sessionId: payload.sid,
  };
}

export async function invite(
  deps: AccountDeps,
  principal: Principal | null,
  input: { email: string; role: Role; partnerId: string | null },
): Promise<IssuedInvitation> {
  const inviter = requirePrincipal(principal);
  const email = normalizeEmail(input.email);
  if (input.role === 'admin') {
    if (inviter.role !== 'admin')
      throw codedError('FORBIDDEN', 'only admins invite admins', { argument: 'role' });
    if (input.partnerId) {
      throw codedError('BAD_USER_INPUT', 'admins belong to no partner', { argument: 'partnerId' });
    }
  } else {
    if (!input.partnerId)
      throw codedError('BAD_USER_INPUT', 'a developer needs a partner', { argument: 'partnerId' });
    if (!owns(inviter, input.partnerId)) {
      throw codedError('FORBIDDEN', 'a partner may invite only to its own organisation', {
        argument: 'partnerId',
      });
    }
    const [partner] = await deps.store.partnersByIds([input.partnerId]);
    if (!partner)
      throw codedError('BAD_USER_INPUT', `unknown partner ${input.partnerId}`, { argument: 'partnerId' });
  }
  if (await deps.store.userByEmail(email)) {
    throw codedError('BAD_USER_INPUT', 'a user with this email already exists', { argument: 'email' });
  }
  const token = randomSecret();
  const now = deps.now();
  const invitation = {
    id: newId('inv'),
    tokenHash: sha256(token),
    email,
    role: input.role,
    partnerId: input.role === 'admin' ? null : input.partnerId,
    invitedBy: inviter.userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000),
  };
  await deps.store.createInvitation(invitation);
  if (invitation.partnerId) {
    await audit(deps, inviter, {
      partnerId: invitation.partnerId,
      action: 'invitation.sent',
      subject: email,
    });
  }
  return { ...invitation, token };
}

const acceptFailures = {
  unknown: 'the invitation link is not valid',
  used: 'the invitation has already been used',
  revoked: 'the invitation was withdrawn; ask for a new one',
  expired: 'the invitation has expired; ask for a new one',
  'email-taken': 'a user with this email already exists',
} as const;

export async function acceptInvitation(
  deps: AccountDeps,
  input: { token: string; name: string; password: string },
): Promise<SessionTokens> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw codedError('BAD_USER_INPUT', `name must be 1 to ${MAX_NAME_LENGTH} characters`, {
      argument: 'name',
    });
  }
  // Hashing first keeps the transaction short; the hash is wasted only when the link is bad.
  const passwordHash = await hashPassword(input.password);
  const result = await deps.store.acceptInvitation(sha256(input.token), deps.now(), (invitation) => {
    const weakness = passwordProblem(input.password, invitation.email);
    if (weakness) throw codedError('BAD_USER_INPUT', `password ${weakness}`, { argument: 'password' });
    return {
      id: newId('usr'),
      email: invitation.email,
      name,
      passwordHash,
      role: invitation.role,
      partnerId: invitation.partnerId,
      createdAt: deps.now(),
    };
  });
  if (result === 'partner-suspended') {
    throw codedError(
      'PARTNER_SUSPENDED',
      'the organisation that sent this invitation is suspended: the link works again once Meridian reactivates it',
      { argument: 'token' },
    );
  }
  if (typeof result === 'string') {
    throw codedError('BAD_USER_INPUT', acceptFailures[result], {
      argument: result === 'email-taken' ? 'email' : 'token',
    });
  }
  return openSession(deps, result);
}
