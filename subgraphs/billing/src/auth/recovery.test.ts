import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createMailer } from '../mail/mailer';
import { seedIfEmpty } from '../seed';
import { openBillingStore, type BillingStore } from '../store';
import { AttemptCounter, PASSWORD_RESET_TTL_SECONDS, requestPasswordReset, resetPassword } from './recovery';
import { hashPassword, verifyPassword } from './password';
import { sha256 } from './token';

const USER = { id: 'usr_reset', email: 'reset@example.com', password: 'Old-Password-2026' };
const NEW_PASSWORD = 'Lantern-Harbour-88';

describe('password resets', () => {
  let dir: string;
  let file: string;
  let store: BillingStore;
  let clock: Date;
  const now = () => clock;

  const deps = (perHour = 100) => ({
    store,
    now,
    sessionSecret: 'a-session-secret-of-enough-length-0123456789',
    mailer: createMailer({ smtpUrl: undefined, from: 'test@example.com', store, now }),
    portalUrl: 'http://portal.example',
    accountRequests: new AttemptCounter(perHour, now),
    onMailFailure: (error: unknown) => {
      throw error;
    },
  });

  /** The token of the newest reset link in the outbox (the e-mail is sent in the background). */
  const newestLink = async (): Promise<string> => {
    for (let tries = 0; tries < 50; tries += 1) {
      const [message] = await store.listOutbox(1);
      const token = /reset\?token=(\S+)/.exec(message?.body ?? '')?.[1];
      if (token) return token;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no reset link in the outbox');
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-reset-'));
    file = path.join(dir, 'billing.sqlite');
    store = (
      await openBillingStore({
        location: { dialect: 'sqlite', file },
        seedIfEmpty: (fresh) =>
          seedIfEmpty(fresh, { seed: 1, adminEmail: 'admin@example.com', adminPassword: undefined }),
      })
    ).store;
    clock = new Date('2026-06-01T10:00:00Z');
    await store.createUser({
      id: USER.id,
      email: USER.email,
      name: 'Reset Me',
      passwordHash: await hashPassword(USER.password),
      role: 'admin',
      partnerId: null,
      createdAt: clock,
    });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends a link whose token is stored only as a hash, works once, and ends the old sessions', async () => {
    await store.createSession({
      id: 'ses_before',
      userId: USER.id,
      refreshHash: 'f'.repeat(64),
      createdAt: clock,
      expiresAt: new Date(clock.getTime() + 3_600_000),
      revokedAt: null,
    });
    expect(await requestPasswordReset(deps(), USER.email)).toBe(true);
    const token = await newestLink();
    // The outbox keeps the e-mail (development only); the reset table keeps only the token's hash.
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('select * from password_reset').all() as Record<string, unknown>[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    const session = await resetPassword(deps(), { token, password: NEW_PASSWORD });
    expect(session.user.email).toBe(USER.email);
    const [user] = await store.usersByIds([USER.id]);
    expect(await verifyPassword(NEW_PASSWORD, user!.passwordHash)).toBe(true);
    const [before] = await store.sessionsByIds(['ses_before']);
    expect(before!.revokedAt).not.toBeNull();

    await expect(resetPassword(deps(), { token, password: 'Another-Password-99' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'token', reason: 'used' },
    });
  });

  it('refuses a link after its hour, and an older link once a newer one was used', async () => {
    await requestPasswordReset(deps(), USER.email);
    const first = await newestLink();
    clock = new Date(clock.getTime() + 1_000);
    await requestPasswordReset(deps(), USER.email);
    const second = await newestLink();
    expect(second).not.toBe(first);
    await resetPassword(deps(), { token: second, password: NEW_PASSWORD });
    await expect(resetPassword(deps(), { token: first, password: NEW_PASSWORD })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'used' },
    });

    clock = new Date(clock.getTime() + 1_000);
    await requestPasswordReset(deps(), USER.email);
    const late = await newestLink();
    clock = new Date(clock.getTime() + PASSWORD_RESET_TTL_SECONDS * 1000);
    await expect(
      resetPassword(deps(), { token: late, password: 'Another-Password-99' }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'expired' },
    });
  });

  it('answers the same for an unknown address, sends it nothing, and limits both alike', async () => {
    const limited = deps(2);
    for (const email of [USER.email, 'nobody@example.com']) {
      expect(await requestPasswordReset(limited, email)).toBe(true);
      expect(await requestPasswordReset(limited, email)).toBe(true);
      await expect(requestPasswordReset(limited, email)).rejects.toMatchObject({
        extensions: { code: 'RATE_LIMITED', limit: 'account-requests' },
      });
    }
    await newestLink();
    const recipients = (await store.listOutbox(10)).map((message) => message.recipient);
    expect(recipients).toEqual([USER.email, USER.email]);
  });

  it('names the bad argument of a weak password or a malformed address', async () => {
    await requestPasswordReset(deps(), USER.email);
    const token = await newestLink();
    await expect(resetPassword(deps(), { token, password: 'short' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'password' },
    });
    await expect(requestPasswordReset(deps(), 'not an address')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'email' },
    });
    await expect(resetPassword(deps(), { token: 'made-up', password: NEW_PASSWORD })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'token', reason: 'unknown' },
    });
  });
});
