/**
 * Portal passwords: hashed with scrypt (salted, parameters stored beside the hash so they can be raised
 * later), compared in constant time, and checked for strength before they are accepted.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** scrypt cost (N), block size (r) and parallelism (p): OWASP's interactive-login recommendation. */
const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** N × r × 128 bytes, with headroom: Node refuses scrypt above its default 32 MB otherwise. */
const SCRYPT_MAX_MEMORY = 64 * 1024 * 1024;

/** @internal */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;
/** Distinct kinds among lower case, upper case, digits and symbols a password needs. */
const MIN_PASSWORD_CHARACTER_KINDS = 3;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  return scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { ...params, maxmem: SCRYPT_MAX_MEMORY });
}

/** Why a password is too weak, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((kind) => kind.test(password)).length;
  if (kinds < MIN_PASSWORD_CHARACTER_KINDS) {
    return `must mix at least ${MIN_PASSWORD_CHARACTER_KINDS} of lower case, upper case, digits and symbols`;
  }
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    return 'must not contain the email address';
  }
  if (/(.)\1{3,}/.test(password)) return 'must not repeat a character four times in a row';
  return undefined;
}
