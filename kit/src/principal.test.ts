import { PRINCIPAL_MAX_AGE_MS, signPrincipal, verifyPrincipal } from './principal';

const secret = 'a-shared-secret-of-some-length';
const principal = {
  partnerId: 'par_0001',
  customerId: 'cus_0004',
  keyId: 'key_1',
  scopes: ['matches:read'],
};

describe('signed principal', () => {
  it('round-trips a principal signed with the shared secret', () => {
    const header = signPrincipal(principal, secret, 1_000_000);
    expect(verifyPrincipal(header, secret, 1_000_500)).toEqual({ ok: true, principal });
  });

  it('refuses a missing, forged, tampered, malformed or stale header', () => {
    const header = signPrincipal(principal, secret, 1_000_000);
    const [body, signature] = header.split('.') as [string, string];
    const widened = Buffer.from(
      JSON.stringify({ ...principal, scopes: ['billing:admin'], iat: 1_000_000 }),
    ).toString('base64url');
    expect(verifyPrincipal(undefined, secret)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyPrincipal(header, 'another-secret', 1_000_000)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyPrincipal(`${widened}.${signature}`, secret, 1_000_000)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyPrincipal(`${body}`, secret, 1_000_000)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyPrincipal(header, secret, 1_000_000 + PRINCIPAL_MAX_AGE_MS + 1)).toEqual({
      ok: false,
      reason: 'stale',
    });
  });
});
