import { generateKey } from '@meridian/kit/api-key';
import { connectionCredentials } from './connection-credentials';

const KEY = generateKey('live');
const OTHER_KEY = generateKey('live');

const codeOf = (payload: Record<string, unknown>) => {
  try {
    connectionCredentials(payload);
    return undefined;
  } catch (error) {
    return (error as { extensions: { code: string; reason: string } }).extensions;
  }
};

describe('credentials of a websocket connection', () => {
  it('finds a key in every place clients put it', () => {
    for (const payload of [
      { 'x-api-key': KEY },
      { 'X-API-Key': KEY },
      { authorization: `Bearer ${KEY}` },
      { headers: { 'x-api-key': KEY } },
      { headers: { Authorization: `Bearer ${KEY}` } },
      { 'x-api-key': KEY, headers: { 'x-api-key': KEY, authorization: `Bearer ${KEY}` } },
    ]) {
      expect(connectionCredentials(payload)).toEqual({ apiKey: KEY });
    }
  });

  it('takes any other bearer token as a session, and nothing as anonymous', () => {
    expect(connectionCredentials({ authorization: 'Bearer session-token' })).toEqual({
      authorization: 'Bearer session-token',
    });
    expect(connectionCredentials({ headers: { authorization: 'Bearer s' } })).toEqual({
      authorization: 'Bearer s',
    });
    expect(connectionCredentials({})).toEqual({});
    expect(connectionCredentials({ headers: { 'x-api-key': null } })).toEqual({});
  });

  it('refuses two different credentials rather than choosing one', () => {
    expect(codeOf({ 'x-api-key': KEY, headers: { 'x-api-key': OTHER_KEY } })).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'conflicting',
    });
    expect(codeOf({ 'x-api-key': KEY, authorization: 'Bearer session-token' })).toMatchObject({
      reason: 'conflicting',
    });
    expect(codeOf({ authorization: `Bearer ${KEY}`, headers: { authorization: 'Bearer s' } })).toMatchObject({
      reason: 'conflicting',
    });
  });

  it('refuses a credential that is not a string', () => {
    expect(codeOf({ 'x-api-key': 42 })).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'malformed' });
    expect(codeOf({ headers: { authorization: ['Bearer x'] } })).toMatchObject({ reason: 'malformed' });
  });
});
