/**
 * Who is calling, as the gateway tells the subgraphs: a principal (partner and key, or portal user and role,
 * with scopes) in a header signed with HMAC-SHA-256 and stamped with the time it was signed. Subgraphs trust
 * only a valid, fresh signature made with the secret they share with the gateway, so they can filter rows per
 * partner without calling anybody.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PRINCIPAL_HEADER = 'x-meridian-principal';

/**
 * How old a signature may be before a subgraph refuses it; allows for clock skew between hosts.
 * @internal
 */
export const PRINCIPAL_MAX_AGE_MS = 60_000;

export type Role = 'admin' | 'developer';

export interface Principal {
  /** The partner organisation; absent for the business team's admins. */
  readonly partnerId?: string;
  /** The billing customer the partner is linked to, whose own data it may write (an airline's engines). */
  readonly customerId?: string;
  /** The API key used, when the call came with one. */
  readonly keyId?: string;
  /** The portal user, when the call came with a session. */
  readonly userId?: string;
  /** The portal session, so billing can end it at logout. */
  readonly sessionId?: string;
  readonly role?: Role;
  readonly scopes: readonly string[];
}

interface SignedPayload extends Principal {
  /** Milliseconds since the epoch when the gateway signed it. */
  readonly iat: number;
}

export type PrincipalCheck =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'bad-signature' | 'stale' };

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/** The header value for `principal`: `<base64url JSON>.<base64url HMAC>`. */
export function signPrincipal(principal: Principal, secret: string, now = Date.now()): string {
  const payload: SignedPayload = { ...principal, iat: now };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export function verifyPrincipal(
  header: string | undefined,
  secret: string,
  now = Date.now(),
  maxAgeMs = PRINCIPAL_MAX_AGE_MS,
): PrincipalCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const [body, signature, extra] = header.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let payload: SignedPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SignedPayload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload.iat !== 'number' || !Array.isArray(payload.scopes))
    return { ok: false, reason: 'malformed' };
  if (Math.abs(now - payload.iat) > maxAgeMs) return { ok: false, reason: 'stale' };
  const principal: Principal = {
    partnerId: payload.partnerId,
    customerId: payload.customerId,
    keyId: payload.keyId,
    userId: payload.userId,
    sessionId: payload.sessionId,
    role: payload.role,
    scopes: payload.scopes,
  };
  // Only the fields a principal has leave here, whatever else the payload carried.
  const present = Object.entries(principal).filter(([, value]) => value !== undefined);
  return { ok: true, principal: Object.fromEntries(present) as unknown as Principal };
}
