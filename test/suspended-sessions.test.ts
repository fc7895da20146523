/**
 * A suspended partner's portal session at every door of the gateway: billing tells the gateway it reads
 * billing only, so HTTP, websocket subscriptions and bulk ingest refuse it matches and telemetry by the
 * usual scope rules, while its keys and usage stay in reach and billing refuses its other writes.
 */
import type { Client } from 'graphql-ws';
import { gatewayClient, post, query, signIn, startTestStack, type TestStack } from './support/platform';

const DEVELOPER = { email: 'dev@suspended.example', password: 'Suspended-Session-2026' };
const MATCH_EVENTS = 'subscription { matchEvents(matchId: "match_0001") { type } }';
/** How long a refused subscription may take to say so. */
const REFUSAL_WITHIN_MS = 10_000;

describe("a suspended partner's portal session at the gateway", () => {
  let stack: TestStack;
  let admin: Record<string, string>;
  let partnerId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    // Anonymous callers read nothing here, so every answer below is the session's own.
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '' } });
    admin = await signIn(stack.graphqlUrl);
    partnerId = (
      await query<{ createPartner: { id: string } }>(
        stack.graphqlUrl,
        'mutation { createPartner(name: "Suspended Sessions Ltd", planId: "plan_pro") { id } }',
        {},
        admin,
      )
    ).createPartner.id;
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($e: String!, $p: ID) { inviteUser(email: $e, role: DEVELOPER, partnerId: $p) { token } }',
      { e: DEVELOPER.email, p: partnerId },
      admin,
    );
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Dev", password: $pw) { accessToken } }',
      { t: inviteUser.token, pw: DEVELOPER.password },
      {},
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });

  const codeOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    body.errors?.[0]?.extensions?.code;

  it('reads matches and telemetry while the partner is in good standing', async () => {
    const session = await signIn(stack.graphqlUrl, DEVELOPER);
    const { status, body } = await post(
      stack.graphqlUrl,
      { query: '{ teams { id } fleets { id } }' },
      session,
    );
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('keeps only billing once it is suspended, over HTTP, websockets and bulk ingest', async () => {
    await query(
      stack.graphqlUrl,
      'mutation ($p: ID!) { suspendPartner(partnerId: $p, reason: "test of a suspension") { id } }',
      { p: partnerId },
      admin,
    );
    // A new sign-in, so the gateway asks billing about this session afresh.
    const session = await signIn(stack.graphqlUrl, DEVELOPER);

    for (const read of ['{ teams { id } }', '{ fleets { id } }']) {
      const { status, body } = await post(stack.graphqlUrl, { query: read }, session);
      expect({ read, status, code: codeOf(body) }).toEqual({ read, status: 403, code: 'PARTNER_SUSPENDED' });
    }
    const write = await post(
      stack.graphqlUrl,
      {
        query:
          'mutation { ingestReadings(batch: { idempotencyKey: "suspended-1", engine: "eng_0001_1", readings: [] }) { readings } }',
      },
      session,
    );
    expect(codeOf(write.body)).toBe('PARTNER_SUSPENDED');

    const ingest = await fetch(`${stack.urls.gateway}/ingest/telemetry`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'idempotency-key': 'suspended-2', ...session },
      body: JSON.stringify({ engine: 'eng_0001_1', sensor: 'T30', time: new Date().toISOString(), value: 1 }),
    });
    expect(ingest.status).toBe(403);
    expect(codeOf((await ingest.json()) as Parameters<typeof codeOf>[0])).toBe('PARTNER_SUSPENDED');

    const client = gatewayClient(stack.urls.gateway, { authorization: session.authorization });
    clients.push(client);
    const refusal = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the subscription was not refused')),
        REFUSAL_WITHIN_MS,
      );
      client.subscribe(
        { query: MATCH_EVENTS },
        {
          next: (result) => {
            clearTimeout(timer);
            resolve(result.errors ?? result.data);
          },
          error: (error) => {
            clearTimeout(timer);
            resolve(error);
          },
          complete: () => undefined,
        },
      );
    });
    expect(JSON.stringify(refusal)).toContain('PARTNER_SUSPENDED');

    const billing = await post<{ me: { partner: { suspendedAt: string | null } }; apiKeys: unknown[] }>(
      stack.graphqlUrl,
      { query: '{ me { partner { suspendedAt } } apiKeys { id } }' },
      session,
    );
    expect(billing.body.errors).toBeUndefined();
    expect(billing.body.data?.me.partner.suspendedAt).not.toBeNull();
    const register = await post(
      stack.graphqlUrl,
      { query: 'mutation { registerOperations(operations: [{ text: "{ teams { id } }" }]) { id } }' },
      session,
    );
    expect(codeOf(register.body)).toBe('PARTNER_SUSPENDED');
  });
});
