/**
 * Signed tokens: `<base64url JSON payload>.<base64url HMAC-SHA-256>`. Used for portal access tokens (short
 * lived; a refresh token renews them) and for the principal header the gateway sends. Verification
 * recomputes the MAC and compares in constant time before the payload is trusted.
 */
import crypto from 'node:crypto';

export function signToken(payload: object, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/** The payload when the signature holds, undefined otherwise (malformed, tampered, other key). */
export function verifyToken(token: string, secret: string): Record<string, unknown> | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(body, secret), 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function mac(body: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}

/** A random opaque secret (refresh tokens, invitation links), and the SHA-256 under which it is stored. */
export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
