import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  it('verifies the password it hashed and nothing else, with a fresh salt each time', async () => {
    const hash = await hashPassword('Correct horse 42');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('Correct horse');
    expect(await verifyPassword('Correct horse 42', hash)).toBe(true);
    expect(await verifyPassword('Correct horse 43', hash)).toBe(false);
    expect(await hashPassword('Correct horse 42')).not.toBe(hash);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it.each([
    ['Sh0rt!', `at least ${MIN_PASSWORD_LENGTH}`],
    ['alllowercaseletters', 'mix at least 3'],
    ['ALLUPPER12345678', 'mix at least 3'],
    ['Jane.Doe-2026-secret', 'email'],
    ['Passsss-word-1111', 'repeat'],
  ])('rejects %j (%s)', (password, expected) => {
    expect(passwordProblem(password, 'jane.doe@example.com')).toContain(expected);
  });

  it('accepts a long mixed password', () => {
    expect(passwordProblem('Tangerine-Bicycle-77', 'jane.doe@example.com')).toBeUndefined();
  });
});
