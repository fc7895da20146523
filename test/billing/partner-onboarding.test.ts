/**
 * The business team's care of partners at the API: onboarding is all or nothing (one bad address among
 * good ones writes no partner, no invitation and no e-mail), a name another partner has is refused with its
 * own code unless allowed, invitations are resent (the old link dies) or revoked, a status change needs a
 * reason, and every one of these lands in the partner's audit log with who did it.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  startBillingForTest,
  STARTUP_TIMEOUT_MS,
  type BillingUnderTest,
} from './service';

const ONBOARD = `mutation ($input: OnboardPartnerInput!) {
  onboardPartner(input: $input) { partner { id name status } invitations { id token email } }
}`;
const PARTNER_PAGE = `query ($id: ID!, $limit: Int) {
  partner(id: $id) {
    id status suspendedAt
    invitations { id email }
    statusHistory { status actor reason }
    auditLog(limit: $limit) { action actor subject reason }
  }
}`;
const ACCEPT =
  'mutation ($t: String!) { acceptInvitation(token: $t, name: "Dev", password: "Onboarded-Partner-2026") { expiresAt } }';

interface Onboarded {
  onboardPartner: {
    partner: { id: string; name: string; status: string };
    invitations: { id: string; token: string; email: string }[];
  };
}
interface PartnerPage {
  partner: {
    id: string;
    status: string;
    suspendedAt: string | null;
    invitations: { id: string; email: string }[];
    statusHistory: { status: string; actor: string; reason: string | null }[];
    auditLog: { action: string; actor: string; subject: string | null; reason: string | null }[];
  } | null;
}

describe('onboarding and looking after a partner', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;

  beforeAll(async () => {
    billing = await startBillingForTest();
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  const counts = () => {
    const db = new Database(path.join(billing.dataDir, 'billing.sqlite'), { readonly: true });
    try {
      const count = (table: string) =>
        (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      return {
        partners: count('partner'),
        invitations: count('invitation'),
        outbox: count('outbox_message'),
        audit: count('audit_event'),
      };
    } finally {
      db.close();
    }
  };
  const onboard = (input: Record<string, unknown>, headers = admin) =>
    billing.gql<Onboarded>(ONBOARD, { input: { planId: 'plan_pro', ...input } }, headers);
  const page = (id: string, limit?: number) => billing.gql<PartnerPage>(PARTNER_PAGE, { id, limit }, admin);

  it('writes nothing when one address among good ones is bad, and names that address', async () => {
    const before = counts();
    const result = await onboard({
      name: 'Halfway Analytics',
      developerEmails: ['ada@halfway.example', 'not-an-email', 'grace@halfway.example'],
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions).toMatchObject({
      argument: 'developerEmails',
      email: 'not-an-email',
    });
    expect(result.errors![0]!.message).toContain('not-an-email');
    expect(counts()).toEqual(before);

    const fixed = await onboard({
      name: 'Halfway Analytics',
      developerEmails: ['ada@halfway.example', 'grace@halfway.example'],
    });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data!.onboardPartner.invitations.map((i) => i.email)).toEqual([
      'ada@halfway.example',
      'grace@halfway.example',
    ]);
    const after = counts();
    expect(after.partners).toBe(before.partners + 1);
    expect(after.invitations).toBe(before.invitations + 2);
    expect(after.outbox).toBe(before.outbox + 2);
  });

  it('refuses a name another partner has, with its own code naming it, unless allowed', async () => {
    const first = await onboard({ name: 'Twin Peaks Media' });
    const firstId = first.data!.onboardPartner.partner.id;
    const before = counts();
    const again = await onboard({ name: '  twin   PEAKS media ' });
    expect(codeOf(again)).toBe('DUPLICATE_PARTNER_NAME');
    expect(again.errors![0]!.extensions).toMatchObject({
      partnerId: firstId,
      partnerName: 'Twin Peaks Media',
    });
    expect(counts()).toEqual(before);
    const allowed = await onboard({ name: 'Twin Peaks Media', allowDuplicateName: true });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.onboardPartner.partner.id).not.toBe(firstId);
  });

  it('invites, resends (the old link dies) and revokes, and the log says who did it', async () => {
    const made = await onboard({ name: 'Invite Works', developerEmails: ['first@invite.example'] });
    const partnerId = made.data!.onboardPartner.partner.id;
    const [first] = made.data!.onboardPartner.invitations;

    const invited = await billing.gql<{ inviteUser: { token: string } }>(
      'mutation ($p: ID) { inviteUser(email: "second@invite.example", role: DEVELOPER, partnerId: $p) { token } }',
      { p: partnerId },
      admin,
    );
    expect(invited.errors).toBeUndefined();
    const pending = (await page(partnerId)).data!.partner!.invitations;
    expect(pending.map((i) => i.email).sort()).toEqual(['first@invite.example', 'second@invite.example']);
    const second = pending.find((i) => i.email === 'second@invite.example')!;

    const resent = await billing.gql<{ resendInvitation: { token: string } }>(
      'mutation ($id: ID!) { resendInvitation(id: $id) { token } }',
      { id: first!.id },
      admin,
    );
    expect(resent.errors).toBeUndefined();
    expect(codeOf(await billing.gql(ACCEPT, { t: first!.token }))).toBe('BAD_USER_INPUT');

    const revoked = await billing.gql(
      'mutation ($id: ID!) { revokeInvitation(id: $id) { id } }',
      { id: second.id },
      admin,
    );
    expect(revoked.errors).toBeUndefined();
    const refused = await billing.gql(ACCEPT, { t: invited.data!.inviteUser.token });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions).toMatchObject({ argument: 'token' });
    // Revoking twice, or resending a revoked one, is refused.
    expect(
      codeOf(
        await billing.gql(
          'mutation ($id: ID!) { resendInvitation(id: $id) { token } }',
          { id: second.id },
          admin,
        ),
      ),
    ).toBe('BAD_USER_INPUT');

    const accepted = await billing.gql(ACCEPT, { t: resent.data!.resendInvitation.token });
    expect(accepted.errors).toBeUndefined();
    const after = (await page(partnerId)).data!.partner!;
    expect(after.invitations).toEqual([]);
    expect(after.auditLog.map((event) => [event.action, event.actor, event.subject])).toEqual(
      expect.arrayContaining([
        ['partner.onboarded', ADMIN_EMAIL, null],
        ['invitation.sent', ADMIN_EMAIL, 'first@invite.example'],
        ['invitation.sent', ADMIN_EMAIL, 'second@invite.example'],
        ['invitation.resent', ADMIN_EMAIL, 'first@invite.example'],
        ['invitation.revoked', ADMIN_EMAIL, 'second@invite.example'],
      ]),
    );
  });

  it('suspends and reactivates only with a reason, kept in the history and the log', async () => {
    const made = await onboard({ name: 'Paused Media' });
    const partnerId = made.data!.onboardPartner.partner.id;
    for (const reason of ['', '   ', 'x'.repeat(501)]) {
      const refused = await billing.gql(
        'mutation ($p: ID!, $r: String!) { suspendPartner(partnerId: $p, reason: $r) { id } }',
        { p: partnerId, r: reason },
        admin,
      );
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    }
    const missing = await billing.gql(
      'mutation ($p: ID!) { suspendPartner(partnerId: $p) { id } }',
      { p: partnerId },
      admin,
    );
    expect(codeOf(missing)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await page(partnerId)).data!.partner!.suspendedAt).toBeNull();

    for (const [field, reason] of [
      ['suspendPartner', 'Invoice 2026-10 unpaid'],
      ['reactivatePartner', 'Paid on 2026-11-03'],
    ] as const) {
      const done = await billing.gql(
        `mutation ($p: ID!, $r: String!) { ${field}(partnerId: $p, reason: $r) { id } }`,
        { p: partnerId, r: reason },
        admin,
      );
      expect(done.errors).toBeUndefined();
    }
    const after = (await page(partnerId)).data!.partner!;
    expect(after.status).toBe('ACTIVE');
    expect(after.statusHistory).toEqual([
      { status: 'ACTIVE', actor: ADMIN_EMAIL, reason: 'on plan plan_pro' },
      { status: 'SUSPENDED', actor: ADMIN_EMAIL, reason: 'Invoice 2026-10 unpaid' },
      { status: 'ACTIVE', actor: ADMIN_EMAIL, reason: 'Paid on 2026-11-03' },
    ]);
    expect(after.auditLog.slice(0, 2).map((event) => [event.action, event.reason])).toEqual([
      ['partner.reactivated', 'Paid on 2026-11-03'],
      ['partner.suspended', 'Invoice 2026-10 unpaid'],
    ]);
  });

  it("logs a partner's own key events with the key's developer, and an admin's revocation", async () => {
    const made = await onboard({ name: 'Key Keepers', developerEmails: ['dev@keys.example'] });
    const partnerId = made.data!.onboardPartner.partner.id;
    const token = made.data!.onboardPartner.invitations[0]!.token;
    expect((await billing.gql(ACCEPT, { t: token })).errors).toBeUndefined();
    const developer = await billing.signIn('dev@keys.example', 'Onboarded-Partner-2026');
    const created = await billing.gql<{ createApiKey: { key: { id: string } } }>(
      'mutation { createApiKey(name: "ci", scopes: ["matches:read"]) { key { id } } }',
      {},
      developer,
    );
    const keyId = created.data!.createApiKey.key.id;
    await billing.gql(
      'mutation ($id: ID!) { rollApiKey(id: $id, graceSeconds: 0) { key { id } } }',
      { id: keyId },
      developer,
    );
    await billing.gql(
      'mutation ($id: ID!) { setApiKeySafelistOnly(id: $id, safelistOnly: true) { id } }',
      { id: keyId },
      developer,
    );
    await billing.gql(
      'mutation ($id: ID!) { updateApiKeyScopes(id: $id, scopes: ["matches:read", "billing:read"]) { id } }',
      { id: keyId },
      developer,
    );
    await billing.gql('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: keyId }, admin);
    const log = (await page(partnerId)).data!.partner!.auditLog;
    expect(
      log.filter((event) => event.subject === keyId).map((event) => [event.action, event.actor]),
    ).toEqual([
      ['key.revoked', ADMIN_EMAIL],
      ['key.scopes-changed', 'dev@keys.example'],
      ['key.safelist-only-changed', 'dev@keys.example'],
      ['key.rolled', 'dev@keys.example'],
      ['key.created', 'dev@keys.example'],
    ]);

    // The developer reads neither the log nor the invitations, and calls none of the admin mutations.
    const own = await billing.gql(PARTNER_PAGE, { id: partnerId }, developer);
    expect(codeOf(own)).toBe('FORBIDDEN');
    const other = await billing.gql<PartnerPage>(
      PARTNER_PAGE,
      { id: made.data!.onboardPartner.partner.id.replace(/.$/, 'x') },
      developer,
    );
    expect(other.data?.partner ?? null).toBeNull();
    for (const operation of [
      'mutation { a: onboardPartner(input: { name: "Intruder", planId: "plan_free" }) { partner { id } } }',
      'mutation ($id: ID!) { b: revokeInvitation(id: $id) { id } }',
      'mutation ($id: ID!) { c: resendInvitation(id: $id) { token } }',
    ]) {
      const result = await billing.gql(
        operation,
        operation.includes('$id') ? { id: 'inv_any' } : {},
        developer,
      );
      expect(codeOf(result)).toBe('FORBIDDEN');
    }
  });

  it('refuses an audit log limit that is zero, negative or huge', async () => {
    const made = await onboard({ name: 'Limit Testers' });
    const partnerId = made.data!.onboardPartner.partner.id;
    for (const limit of [0, -1, 201, 2_000_000_000]) {
      const result = await page(partnerId, limit);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions).toMatchObject({ argument: 'limit' });
    }
    expect((await page(partnerId, 200)).errors).toBeUndefined();
  });
});
