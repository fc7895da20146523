/**
 * The API key format: `mer_live_<random>_<checksum>` (or `mer_test_…`). The prefix tells secret scanners
 * and people what leaked; the CRC32 checksum of everything before it lets a scanner (and the gateway) reject
 * a mistyped or made-up key without a database lookup. Only the SHA-256 of a key is ever stored.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';

const KEY_PREFIX = 'mer';
export type KeyEnvironment = 'live' | 'test';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * 30 base62 characters carry about 178 bits: far beyond guessing.
 * @internal
 */
export const KEY_RANDOM_LENGTH = 30;
/** A CRC32 fits in 6 base62 characters. */
const CHECKSUM_LENGTH = 6;
/** Characters of the random part shown in listings to tell keys apart; the rest is never shown again. */
const KEY_VISIBLE_PREFIX_LENGTH = 4;

const KEY_PATTERN = new RegExp(
  `^${KEY_PREFIX}_(live|test)_([0-9A-Za-z]{${KEY_RANDOM_LENGTH}})_([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

export interface ParsedKey {
  readonly environment: KeyEnvironment;
  /** What listings show: `mer_live_AbCd`. */
  readonly prefix: string;
  readonly lastFour: string;
}

export function generateKey(environment: KeyEnvironment): string {
  return keyFromBytes(environment, crypto.randomBytes(KEY_RANDOM_LENGTH));
}

function keyFromBytes(environment: KeyEnvironment, bytes: Uint8Array): string {
  const random = Array.from(bytes.subarray(0, KEY_RANDOM_LENGTH), (byte) => BASE62[byte % 62]).join('');
  const body = `${KEY_PREFIX}_${environment}_${random}`;
  return `${body}_${checksum(body)}`;
}

/**
 * The demo key of a development platform: a test key derived from the principal secret, so `npm start`
 * can print the same working key on every start without storing it anywhere. Production has none.
 */
export function demoApiKey(principalSecret: string): string {
  const bytes = crypto.createHmac('sha256', principalSecret).update('meridian demo api key').digest();
  return keyFromBytes('test', Buffer.concat([bytes, bytes]));
}

/** The key's parts when its format and checksum hold, undefined otherwise. */
export function parseKey(key: string): ParsedKey | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const [, environment, random, sum] = match as unknown as [string, KeyEnvironment, string, string];
  if (checksum(key.slice(0, key.length - CHECKSUM_LENGTH - 1)) !== sum) return undefined;
  return {
    environment,
    prefix: `${KEY_PREFIX}_${environment}_${random.slice(0, KEY_VISIBLE_PREFIX_LENGTH)}`,
    lastFour: sum.slice(-4),
  };
}

/** The SHA-256 (hex) under which a key is stored and looked up. */
export function hashKey(key: string): string {
  return crypto.hash('sha256', key, 'hex');
}

/** Whether two hex hashes are equal, in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function checksum(text: string): string {
  let value = zlib.crc32(text);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}
