/**
 * The credentials of a websocket connection, from graphql-ws's `connection_init` payload, in the places
 * clients put them: `x-api-key` or `authorization` at the top level of the payload (graphql-ws's
 * `connectionParams`), or inside a `headers` object (what Apollo Client and GraphiQL users often write). Names
 * are matched without regard to case, as HTTP headers are. A key may also come as `authorization: Bearer <key>`
 * (a well-formed key); any other bearer token is a portal session.
 *
 * A payload naming two different credentials is refused: picking one would let whichever the gateway
 * happens to prefer decide whose access the connection gets. The same credential repeated is fine.
 */
import { parseKey } from '@meridian/kit/api-key';
import { codedError } from '@meridian/schema';
import { API_KEY_HEADER } from './identify';
import type { Caller } from '../request';

export type ConnectionCredentials = Pick<Caller, 'apiKey' | 'authorization'>;

const BEARER = /^Bearer\s+(\S+)$/i;

interface Found {
  readonly place: string;
  readonly credentials: ConnectionCredentials;
}

/** The `x-api-key` and `authorization` properties of an object, whatever their case, named by place. */
function* entriesNamed(value: unknown, place: string): Generator<[string, unknown]> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [name, entry] of Object.entries(value)) {
    const lower = name.toLowerCase();
    if (lower === API_KEY_HEADER || lower === 'authorization') yield [`${place}${name}`, entry];
  }
}

/** `place` is the property's name as sent, after `headers.` when nested. */
function credentialOf(place: string, value: unknown): ConnectionCredentials | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw codedError('UNAUTHENTICATED', `${place} must be a string`, { reason: 'malformed' });
  }
  if (place.toLowerCase().endsWith(API_KEY_HEADER)) return { apiKey: value };
  const token = BEARER.exec(value)?.[1];
  // A well-formed key (its checksum holds) cannot be a session token, which has no such structure.
  return token && parseKey(token) ? { apiKey: token } : { authorization: value };
}

const same = (a: ConnectionCredentials, b: ConnectionCredentials) =>
  a.apiKey === b.apiKey && (a.apiKey !== undefined || a.authorization === b.authorization);

/** The one credential a `connection_init` payload carries (none: anonymous); throws when it carries two. */
export function connectionCredentials(payload: Readonly<Record<string, unknown>>): ConnectionCredentials {
  const found: Found[] = [];
  const places: [string, unknown][] = [...entriesNamed(payload, '')];
  for (const [name, value] of Object.entries(payload)) {
    if (name.toLowerCase() === 'headers') places.push(...entriesNamed(value, `${name}.`));
  }
  for (const [place, value] of places) {
    const credentials = credentialOf(place, value);
    if (credentials) found.push({ place, credentials });
  }
  const [first, ...others] = found;
  if (!first) return {};
  const other = others.find((candidate) => !same(candidate.credentials, first.credentials));
  if (other) {
    throw codedError(
      'UNAUTHENTICATED',
      `the connection_init payload carries different credentials in ${first.place} and ${other.place}; send one`,
      { reason: 'conflicting' },
    );
  }
  return first.credentials;
}
