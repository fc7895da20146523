/** Ids of the rows a service creates itself: a prefix naming the kind (`usr_`, `key_`, `aud_`) and 72 random bits. */
import crypto from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(9).toString('base64url')}`;
}
