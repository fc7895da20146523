/**
 * Who is calling, and what they may see. A principal reaches billing in one of two ways: the gateway signs
 * it into the principal header (kit checks the HMAC and its age), or a portal user presents the access
 * token billing issued at login. Resolvers ask the helpers below, so every
 * tenant check reads the same way and fails with the same codes.
 */
import type { Principal as SignedPrincipal, Role } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import type { ManagementScope } from './scopes';

export type { Role };

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

/**
 * The principal as billing reasons about it, from the one kit verified in the gateway's header. A call that
 * names neither a partner nor a role (the gateway's anonymous caller) has no identity here.
 */
export function fromSignedPrincipal(signed: SignedPrincipal | null): Principal | null {
  if (!signed) return null;
  const role: Role | undefined = signed.role ?? (signed.partnerId ? 'developer' : undefined);
  if (role === undefined || (role === 'developer' && !signed.partnerId)) return null;
  return {
    partnerId: role === 'admin' ? null : (signed.partnerId ?? null),
    role,
    scopes: signed.scopes,
    keyId: signed.keyId ?? null,
    userId: signed.userId ?? null,
    sessionId: signed.sessionId ?? null,
  };
}

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw codedError('UNAUTHENTICATED', 'sign in or send an API key to use this field');
  return principal;
}

/**
 * A call that manages the partner's account: admins and portal sessions may (sessions hold the management
 * scopes by role); an API key only when it carries `scope`.
 */
export function requireManagement(principal: Principal | null, scope: ManagementScope): Principal {
  const known = requirePrincipal(principal);
  const session = known.keyId === null && known.userId !== null;
  if (known.role === 'admin' || session || known.scopes.includes(scope)) return known;
  throw codedError(
    'FORBIDDEN',
    `this needs the scope ${scope}, which this API key lacks; use a key created with it, or the console`,
    { missingScopes: [[scope]] },
  );
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
