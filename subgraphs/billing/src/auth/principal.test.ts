import { GraphQLError } from 'graphql';
import { fromSignedPrincipal, partnerInReach, type Principal } from './principal';

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

describe('fromSignedPrincipal', () => {
  it('takes a key call as its partner, an admin session across partners, and the anonymous caller as nobody', () => {
    expect(fromSignedPrincipal({ partnerId: 'par_1', keyId: 'key_1', scopes: ['billing:read'] })).toEqual({
      partnerId: 'par_1',
      keyId: 'key_1',
      role: 'developer',
      scopes: ['billing:read'],
      userId: null,
      sessionId: null,
    });
    expect(
      fromSignedPrincipal({ role: 'admin', userId: 'usr_1', partnerId: 'par_9', scopes: [] }),
    ).toMatchObject({
      role: 'admin',
      partnerId: null,
      userId: 'usr_1',
    });
    expect(fromSignedPrincipal({ scopes: ['matches:read'] })).toBeNull();
    expect(fromSignedPrincipal({ role: 'developer', scopes: [] })).toBeNull();
    expect(fromSignedPrincipal(null)).toBeNull();
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
