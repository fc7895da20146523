/**
 * Who is calling, and what they may see. A principal reaches billing in one of two ways: the gateway signs
 * it into the `x-meridian-principal` header (HMAC-SHA-256 over partner, key, scopes, role and time), or a
 * portal user presents the access token billing issued at login. Resolvers ask the helpers below, so every
 * tenant check reads the same way and fails with the same codes.
 */
import { codedError } from '@meridian/schema';
import { signToken, verifyToken } from './token';

export type Role = 'admin' | 'developer';

export interface Principal {
  /** The partner organisation; null for the business team's admins, who act across partners. */
  readonly partnerId: string | null;
  readonly role: Role;
  readonly scopes: readonly string[];
  /** Set for calls made with an API key. */
  readonly keyId: string | null;
  /** Set for portal sessions. */
  readonly userId: string | null;
  readonly sessionId: string | null;
}

export const PRINCIPAL_HEADER = 'x-meridian-principal';
/** A signed principal older than this is refused, so a captured header cannot be replayed for long. */
export const PRINCIPAL_MAX_AGE_SECONDS = 60;

interface SignedPrincipal {
  partnerId: string | null;
  keyId: string | null;
  role: Role;
  scopes: string[];
  /** Seconds since the epoch at signing. */
  iat: number;
}

export function signPrincipal(
  principal: Pick<Principal, 'partnerId' | 'keyId' | 'role' | 'scopes'>,
  secret: string,
  now = Date.now(),
): string {
  const payload: SignedPrincipal = {
    partnerId: principal.partnerId,
    keyId: principal.keyId,
    role: principal.role,
    scopes: [...principal.scopes],
    iat: Math.floor(now / 1000),
  };
  return signToken(payload, secret);
}

/** The principal in a gateway header, or undefined when it is unsigned, tampered, malformed or stale. */
export function verifyPrincipal(header: string, secret: string, now = Date.now()): Principal | undefined {
  const payload = verifyToken(header, secret);
  if (!payload) return undefined;
  const { partnerId, keyId, role, scopes, iat } = payload;
  const age = now / 1000 - Number(iat);
  if (!(age >= -PRINCIPAL_MAX_AGE_SECONDS && age <= PRINCIPAL_MAX_AGE_SECONDS)) return undefined;
  if (role !== 'admin' && role !== 'developer') return undefined;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) return undefined;
  if (role === 'developer' && typeof partnerId !== 'string') return undefined;
  return {
    partnerId: typeof partnerId === 'string' ? partnerId : null,
    keyId: typeof keyId === 'string' ? keyId : null,
    role,
    scopes,
    userId: null,
    sessionId: null,
  };
}

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw codedError('UNAUTHENTICATED', 'sign in or send an API key to use this field');
  return principal;
}

export function requireAdmin(principal: Principal | null): Principal {
  const known = requirePrincipal(principal);
  if (known.role !== 'admin') throw codedError('FORBIDDEN', 'this field needs the admin role');
  return known;
}

/**
 * The partner a call may act on: admins any partner they name, everyone else only their own. Naming another
 * partner is FORBIDDEN rather than an empty answer, so a client's bug shows instead of looking like no data.
 */
export function partnerInReach(principal: Principal | null, partnerId: string | null | undefined): string {
  const known = requirePrincipal(principal);
  if (known.role === 'admin') {
    if (!partnerId)
      throw codedError('BAD_USER_INPUT', 'admins must name a partner', { argument: 'partnerId' });
    return partnerId;
  }
  if (partnerId && partnerId !== known.partnerId) {
    throw codedError('FORBIDDEN', 'a partner may act only on its own organisation', {
      argument: 'partnerId',
    });
  }
  return known.partnerId as string;
}

/** Whether a row owned by `partnerId` may be seen or changed by this principal. */
export function owns(principal: Principal | null, partnerId: string): boolean {
  return principal !== null && (principal.role === 'admin' || principal.partnerId === partnerId);
}
