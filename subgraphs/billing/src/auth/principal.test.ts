import { GraphQLError } from 'graphql';
import {
  partnerInReach,
  PRINCIPAL_MAX_AGE_SECONDS,
  signPrincipal,
  verifyPrincipal,
  type Principal,
} from './principal';

const secret = 'a-secret-long-enough-for-hmac';
const developer = {
  partnerId: 'par_1',
  keyId: 'key_1',
  role: 'developer' as const,
  scopes: ['billing:read'],
};

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
  return undefined;
}

describe('the signed principal', () => {
  it('verifies what was signed with the same secret, recently', () => {
    const now = Date.UTC(2026, 0, 1);
    const header = signPrincipal(developer, secret, now);
    expect(verifyPrincipal(header, secret, now + 1000)).toMatchObject(developer);
    expect(verifyPrincipal(header, 'another-secret-of-some-length', now)).toBeUndefined();
    expect(verifyPrincipal(header, secret, now + (PRINCIPAL_MAX_AGE_SECONDS + 1) * 1000)).toBeUndefined();
  });

  it('refuses a header whose payload was changed', () => {
    const header = signPrincipal(developer, secret);
    const [body, mac] = header.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, partnerId: 'par_2' })).toString('base64url');
    expect(verifyPrincipal(`${forged}.${mac}`, secret)).toBeUndefined();
    expect(verifyPrincipal('garbage', secret)).toBeUndefined();
  });
});

describe('partnerInReach', () => {
  const partner: Principal = { ...developer, userId: null, sessionId: null };
  const admin: Principal = { ...partner, partnerId: null, role: 'admin' };

  it('gives a partner its own organisation and refuses any other', () => {
    expect(partnerInReach(partner, null)).toBe('par_1');
    expect(partnerInReach(partner, 'par_1')).toBe('par_1');
    expect(codeOf(() => partnerInReach(partner, 'par_2'))).toBe('FORBIDDEN');
  });

  it('lets admins name any partner, and asks them to name one', () => {
    expect(partnerInReach(admin, 'par_2')).toBe('par_2');
    expect(codeOf(() => partnerInReach(admin, null))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => partnerInReach(null, 'par_1'))).toBe('UNAUTHENTICATED');
  });
});
