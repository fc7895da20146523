/**
 * The gateway's lookups at billing, against a real HTTP server standing in for it.
 *
 * Lookups sent on a kept-alive connection that billing closes as the request arrives: the server answers the
 * first request of every connection and drops the connection, unanswered, on the second, as a server whose
 * idle timeout fires just then does.
 *
 * Answers parsed against the contracts before the gateway trusts them: an answer of another shape (a billing
 * of another version, a proxy's page, a tampered reply) makes the caller unavailable, never a grant; scopes the
 * contracts do not know are dropped, not granted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKey } from '@meridian/kit/api-key';
import { KeyDirectory } from './auth/identity';
import { SessionDirectory } from './auth/sessions';
import { SafelistDirectory } from './safelist/safelists';

const PLAN = {
  name: 'Pro',
  requestsPerMinute: 600,
  costPointsPerMinute: 10_000,
  monthlyQuota: 1_000_000,
  concurrentSubscriptions: 5,
};

const ANSWERS: Record<string, unknown> = {
  '/keys': { keyId: 'key-1', partnerId: 'partner-1', scopes: ['matches:read'], expiresAt: null, plan: PLAN },
  '/sessions': {
    userId: 'user-1',
    sessionId: 'session-1',
    partnerId: 'partner-1',
    role: 'developer',
    scopes: ['matches:read'],
    plan: PLAN,
  },
  '/safelists': { operations: [{ id: 'abc', text: '{ teams { name } }' }] },
};

const GOOD_KEY = ANSWERS['/keys'] as Record<string, unknown>;
/** Key answers that break the contract, each served at `/malformed/<name>`. */
const MALFORMED_KEYS: Record<string, unknown> = {
  'a key id that is not a string': { ...GOOD_KEY, keyId: 42 },
  'no partner': { ...GOOD_KEY, partnerId: undefined },
  'scopes that are not a list': { ...GOOD_KEY, scopes: 'matches:read' },
  'a negative quota': { ...GOOD_KEY, plan: { ...PLAN, monthlyQuota: -1 } },
  'no plan': { ...GOOD_KEY, plan: undefined },
  'an expiry that is not a time': { ...GOOD_KEY, expiresAt: 'soon' },
  'an HTML page': '<html>Bad gateway</html>',
};
for (const [name, answer] of Object.entries(MALFORMED_KEYS))
  ANSWERS[`/malformed/${encodeURIComponent(name)}`] = answer;
ANSWERS['/unknown-scope'] = { ...GOOD_KEY, scopes: ['matches:read', 'everything:admin'] };
ANSWERS['/unknown-role'] = { ...(ANSWERS['/sessions'] as object), role: 'superuser' };

interface Billing {
  readonly url: string;
  /** Requests answered, and requests whose connection was dropped unanswered. */
  readonly answered: number;
  readonly dropped: number;
  close(): Promise<void>;
}

/**
 * `reused`: drops the connection under the first request that comes on a connection already used once (as
 * billing's idle timeout would), and answers everything else. `every`: drops every request. `never`: answers
 * every request.
 */
async function startBilling(drop: 'reused' | 'every' | 'never'): Promise<Billing> {
  const served = new WeakMap<object, number>();
  const counts = { answered: 0, dropped: 0 };
  const server = http.createServer((req, res) => {
    const before = served.get(req.socket) ?? 0;
    served.set(req.socket, before + 1);
    req.resume();
    req.on('end', () => {
      if (drop === 'every' || (drop === 'reused' && before > 0 && counts.dropped === 0)) {
        counts.dropped += 1;
        req.socket.destroy();
        return;
      }
      counts.answered += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(ANSWERS[req.url ?? ''] ?? {}));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get answered() {
      return counts.answered;
    },
    get dropped() {
      return counts.dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Lets the client put the first lookup's connection back in its pool, so the next lookup reuses it. */
const connectionIdle = () => new Promise((resolve) => setTimeout(resolve, 100));

const options = (url: string) => ({
  lookupUrl: url,
  internalToken: 'internal',
  ttlMs: 60_000,
  maxEntries: 100,
  timeoutMs: 5_000,
});

describe('a lookup on a kept-alive connection billing closes under it', () => {
  let billing: Billing;
  afterEach(() => billing?.close());

  it('is sent again on a new connection, and the key is identified', async () => {
    billing = await startBilling('reused');
    const keys = new KeyDirectory(options(`${billing.url}/keys`));
    expect((await keys.identify(generateKey('test'))).ok).toBe(true);
    await connectionIdle();
    const second = await keys.identify(generateKey('test'));
    expect(second).toMatchObject({ ok: true, grant: { principal: { keyId: 'key-1' } } });
    expect({ answered: billing.answered, dropped: billing.dropped }).toEqual({ answered: 2, dropped: 1 });
  });

  it('is sent at most twice: a connection closed both times leaves the key unavailable', async () => {
    billing = await startBilling('every');
    const keys = new KeyDirectory(options(`${billing.url}/keys`));
    expect(await keys.identify(generateKey('test'))).toEqual({ ok: false, reason: 'unavailable' });
    expect(billing.dropped).toBe(2);
  });

  it('is sent again for portal sessions', async () => {
    billing = await startBilling('reused');
    const sessions = new SessionDirectory(options(`${billing.url}/sessions`));
    expect((await sessions.identify('token-1')).ok).toBe(true);
    await connectionIdle();
    expect(await sessions.identify('token-2')).toMatchObject({
      ok: true,
      grant: { principal: { userId: 'user-1' } },
    });
    expect({ answered: billing.answered, dropped: billing.dropped }).toEqual({ answered: 2, dropped: 1 });
  });

  it("is sent again for partners' safelists", async () => {
    billing = await startBilling('reused');
    const safelists = new SafelistDirectory({
      ...options(`${billing.url}/safelists`),
      operationsUrl: `${billing.url}/operations`,
      maxBytes: 10_000,
    });
    expect((await safelists.get('partner-1')).get('abc')).toBe('{ teams { name } }');
    await connectionIdle();
    expect((await safelists.get('partner-2')).get('abc')).toBe('{ teams { name } }');
    expect({ answered: billing.answered, dropped: billing.dropped }).toEqual({ answered: 2, dropped: 1 });
  });
});

describe('many requests with a key not yet cached', () => {
  let billing: Billing;
  afterEach(() => billing?.close());

  it('send one lookup, and every request gets its answer', async () => {
    billing = await startBilling('never');
    const keys = new KeyDirectory(options(`${billing.url}/keys`));
    const key = generateKey('test');
    const answers = await Promise.all(Array.from({ length: 20 }, () => keys.identify(key)));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(billing.answered).toBe(1);
    expect((await keys.identify(key)).ok).toBe(true);
    expect(billing.answered).toBe(1);
  });

  it('do not cache an answer sent before billing announced a change', async () => {
    billing = await startBilling('never');
    const keys = new KeyDirectory(options(`${billing.url}/keys`));
    const key = generateKey('test');
    const first = keys.identify(key);
    keys.forget({ keyId: 'key-1' });
    expect((await first).ok).toBe(true);
    expect((await keys.identify(key)).ok).toBe(true);
    expect(billing.answered).toBe(2);
  });
});

describe("billing's answers, against the contracts", () => {
  let billing: Billing;
  beforeAll(async () => {
    billing = await startBilling('never');
  });
  afterAll(() => billing.close());

  it.each(Object.keys(MALFORMED_KEYS))('a key answer with %s leaves the caller unavailable', async (name) => {
    const keys = new KeyDirectory(options(`${billing.url}/malformed/${encodeURIComponent(name)}`));
    expect(await keys.identify(generateKey('test'))).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('a scope billing names that the contracts do not know is dropped, not granted', async () => {
    const identified = await new KeyDirectory(options(`${billing.url}/unknown-scope`)).identify(
      generateKey('test'),
    );
    expect(identified).toMatchObject({ ok: true, grant: { principal: { scopes: ['matches:read'] } } });
  });

  it('a session answer with a role the contracts do not know leaves the caller unavailable', async () => {
    const sessions = new SessionDirectory(options(`${billing.url}/unknown-role`));
    expect(await sessions.identify('token')).toEqual({ ok: false, reason: 'unavailable' });
  });
});
