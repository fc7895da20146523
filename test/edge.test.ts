/**
 * The edge end to end, as a partner meets it: a portal session for the business team, an API key made for a
 * partner, the key's scopes and plan applied at the gateway, revocation felt within a second, and every call
 * metered into billing.
 */
import { demoApiKey, DEVELOPMENT_PRINCIPAL_SECRET } from '@meridian/kit';
import { EXAMPLE_QUERY } from '@meridian/stack';
import { DEVELOPMENT_ADMIN, post, query, signIn, startTestStack, type TestStack } from './support/platform';
import { ReadingClock } from './support/readings';

interface Created {
  createApiKey: { secret: string; key: { id: string } };
}

describe('the edge with portal sessions and API keys', () => {
  let stack: TestStack;
  let admin: Record<string, string>;
  let partnerId: string;

  const gql = <Data>(text: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    query<Data>(stack.graphqlUrl, text, variables, headers);

  beforeAll(async () => {
    stack = await startTestStack({ env: { METERING_INTERVAL_MS: '100' } });
    admin = await signIn(stack.graphqlUrl);
    const created = await gql<{ createPartner: { id: string } }>(
      'mutation { createPartner(name: "Edge Test Media", planId: "plan_pro") { id } }',
      {},
      admin,
    );
    partnerId = created.createPartner.id;
  });

  const createKey = async (scopes: string[]) =>
    (
      await gql<Created>(
        'mutation ($p: ID!, $s: [String!]!) { createApiKey(partnerId: $p, name: "edge test", scopes: $s) { secret key { id } } }',
        { p: partnerId, s: scopes },
        admin,
      )
    ).createApiKey;

  it('knows the signed-in admin through the gateway', async () => {
    const data = await gql<{ me: { email: string; role: string } }>('{ me { email role } }', {}, admin);
    expect(data.me).toEqual({ email: DEVELOPMENT_ADMIN.email, role: 'ADMIN' });
  });

  it("serves a key's partner on its plan's limits, and refuses fields outside its scopes", async () => {
    const { secret } = await createKey(['matches:read', 'billing:read']);
    const allowed = await post(stack.graphqlUrl, { query: '{ teams { name } }' }, { 'x-api-key': secret });
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
    // Pro: 600 requests and 20,000 cost points a minute, 1,000,000 operations a month.
    expect(allowed.headers.get('ratelimit-policy')).toMatch(/"requests";q=600;w=60, "cost";q=20000;w=60/);
    expect(allowed.headers.get('ratelimit-policy')).toMatch(/"quota";q=1000000;w=\d+/);

    const refused = await post(
      stack.graphqlUrl,
      { query: '{ fleet { registration } }' },
      { 'x-api-key': secret },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refused: [
        { field: 'Query.fleet', missingScopes: [['telemetry:read']] },
        { field: 'Aircraft.registration', missingScopes: [['telemetry:read']] },
      ],
    });
  });

  it('refuses an unknown key, saying so', async () => {
    const { secret } = await createKey(['matches:read']);
    const forged = secret.slice(0, 9) + 'x'.repeat(30) + secret.slice(39);
    const { status, body } = await post(
      stack.graphqlUrl,
      { query: '{ teams { name } }' },
      { 'x-api-key': forged },
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.reason).toMatch(/malformed|unknown/);
  });

  it('stops accepting a revoked key within a second, though the gateway had it cached', async () => {
    const { secret, key } = await createKey(['matches:read']);
    const call = () => post(stack.graphqlUrl, { query: '{ teams { id } }' }, { 'x-api-key': secret });
    expect((await call()).status).toBe(200);
    await gql('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }, admin);
    const revokedAt = Date.now();
    let answer = await call();
    while (answer.status === 200 && Date.now() - revokedAt < 5_000) answer = await call();
    const elapsed = Date.now() - revokedAt;
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions?.reason).toBe('revoked');
    expect(elapsed).toBeLessThan(1_000);
  });

  it("refuses a suspended partner's keys with PARTNER_SUSPENDED within a second, and takes them back after reactivation", async () => {
    const { secret } = await createKey(['matches:read']);
    const call = () => post(stack.graphqlUrl, { query: '{ teams { id } }' }, { 'x-api-key': secret });
    const until = async (status: number) => {
      const started = Date.now();
      let answer = await call();
      while (answer.status !== status && Date.now() - started < 5_000) answer = await call();
      return { answer, elapsed: Date.now() - started };
    };
    expect((await call()).status).toBe(200);
    const developer = await post(
      stack.graphqlUrl,
      {
        query: 'mutation ($p: ID!) { suspendPartner(partnerId: $p, reason: "test of a suspension") { id } }',
        variables: { p: partnerId },
      },
      { 'x-api-key': secret },
    );
    expect(developer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const suspended = await gql<{ suspendPartner: { suspendedAt: string | null } }>(
      'mutation ($p: ID!) { suspendPartner(partnerId: $p, reason: "test of a suspension") { suspendedAt } }',
      { p: partnerId },
      admin,
    );
    expect(suspended.suspendPartner.suspendedAt).not.toBeNull();
    const refused = await until(403);
    expect(refused.answer.body.errors?.[0]?.extensions?.code).toBe('PARTNER_SUSPENDED');
    expect(refused.elapsed).toBeLessThan(1_000);

    const reactivated = await gql<{ reactivatePartner: { suspendedAt: string | null } }>(
      'mutation ($p: ID!) { reactivatePartner(partnerId: $p, reason: "test of a reactivation") { suspendedAt } }',
      { p: partnerId },
      admin,
    );
    expect(reactivated.reactivatePartner.suspendedAt).toBeNull();
    const back = await until(200);
    expect(back.answer.body.errors).toBeUndefined();
    expect(back.elapsed).toBeLessThan(1_000);
  });

  it('meters every call, allowed or refused, into the partner’s usage in billing', async () => {
    const { secret } = await createKey(['matches:read']);
    const headers = { 'x-api-key': secret };
    for (let i = 0; i < 3; i++)
      await post(stack.graphqlUrl, { query: 'query Teams { teams { id } }' }, headers);
    await post(stack.graphqlUrl, { query: '{ fleet { id } }' }, headers);
    const quota = async () =>
      (
        await gql<{ quota: { used: number } }>(
          'query ($p: ID) { quota(partnerId: $p) { used } }',
          { p: partnerId },
          admin,
        )
      ).quota.used;
    const started = Date.now();
    let used = await quota();
    while (used < 4 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      used = await quota();
    }
    expect(used).toBeGreaterThanOrEqual(4);
  });

  it('meters the bytes of the body the client received, refusals included', async () => {
    const { secret, key } = await createKey(['matches:read']);
    let received = 0;
    for (const query of ['query Teams { teams { id name } }', '{ fleet { id } }']) {
      const response = await fetch(stack.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': secret },
        body: JSON.stringify({ query }),
      });
      received += Buffer.byteLength(await response.text());
    }
    const metered = async () => {
      const { usage } = await gql<{
        usage: { group: string; points: { requests: number; bytes: number }[] }[];
      }>(
        'query ($p: ID, $from: DateTimeISO!, $to: DateTimeISO!) { usage(partnerId: $p, from: $from, to: $to, groupBy: KEY) { group points { requests bytes } } }',
        {
          p: partnerId,
          from: new Date(Date.now() - 86_400_000).toISOString(),
          to: new Date(Date.now() + 86_400_000).toISOString(),
        },
        admin,
      );
      const points = usage.find((series) => series.group === key.id)?.points ?? [];
      return {
        requests: points.reduce((sum, p) => sum + p.requests, 0),
        bytes: points.reduce((sum, p) => sum + p.bytes, 0),
      };
    };
    const started = Date.now();
    let usage = await metered();
    while (usage.requests < 2 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      usage = await metered();
    }
    expect(usage).toEqual({ requests: 2, bytes: received });
  });
});

describe('a platform with its default settings', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '' } });
  });

  it('refuses calls without credentials and serves the demo key npm start prints', async () => {
    const anonymous = await post(stack.graphqlUrl, { query: EXAMPLE_QUERY });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const withKey = await post(
      stack.graphqlUrl,
      { query: EXAMPLE_QUERY },
      { 'x-api-key': demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET) },
    );
    expect(withKey.status).toBe(200);
    expect(withKey.body.errors).toBeUndefined();
    expect(withKey.headers.get('ratelimit')).toMatch(/"requests";r=\d+;t=\d+/);
  });
});

describe('bulk telemetry ingest through the edge', () => {
  let stack: TestStack;
  let admin: Record<string, string>;
  beforeAll(async () => {
    // No demo stream, so the batch's times are the newest for their sensor.
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', TELEMETRY_STREAM_RATE_HZ: '0' } });
    admin = await signIn(stack.graphqlUrl);
    readings.start();
  });

  const readings = new ReadingClock();
  const ndjson = (count: number) => readings.ndjson(count);

  let batches = 0;
  const ingest = (body: string, headers: Record<string, string>) =>
    fetch(`${stack.urls.gateway}/ingest/telemetry`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        'idempotency-key': `edge-${Date.now()}-${(batches += 1)}`,
        ...headers,
      },
      body,
    });
  const extensionsOf = async (response: Response) =>
    ((await response.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions;

  /** A key of a fresh partner on a plan of 2 cost points a minute: 2,000 readings and 200,000 bytes of ingest. */
  const tinyPlanKey = async () => {
    const name = `Tiny ${Date.now()}-${(batches += 1)}`;
    const { body } = await post<{ createPlan: { id: string } }>(
      stack.graphqlUrl,
      {
        query:
          'mutation ($name: String!) { createPlan(input: { name: $name, monthlyPriceCents: 0, requestsPerMinute: 100, costPointsPerMinute: 2, monthlyQuota: 1000, concurrentSubscriptions: 1, allowedScopes: ["matches:read", "telemetry:write"], overageCentsPerThousand: 0 }) { id } }',
        variables: { name },
      },
      admin,
    );
    const partner = await post<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      {
        // Linked to the airline whose engine the readings name: partners write their operator's engines only.
        query:
          'mutation ($n: String!, $p: ID!) { createPartner(name: $n, planId: $p, customerId: "cus_0004") { id } }',
        variables: { n: name, p: body.data!.createPlan.id },
      },
      admin,
    );
    const key = await post<{ createApiKey: { secret: string } }>(
      stack.graphqlUrl,
      {
        query:
          'mutation ($p: ID!) { createApiKey(partnerId: $p, name: "ingest", scopes: ["matches:read", "telemetry:write"]) { secret } }',
        variables: { p: partner.body.data!.createPartner.id },
      },
      admin,
    );
    return { 'x-api-key': key.body.data!.createApiKey.secret };
  };

  it('streams a batch to telemetry for a key with telemetry:write, and counts it', async () => {
    const response = await ingest(ndjson(50), { 'x-api-key': demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET) });
    const receipt = await response.json();
    expect(response.status).toBe(200);
    expect(receipt).toMatchObject({ readings: 50, duplicate: false });
    expect(response.headers.get('ratelimit-policy')).toMatch(
      /^"requests";q=\d+;w=60, "readings";q=\d+;w=60, "bytes";q=\d+;w=60$/,
    );
  });

  it("counts readings and bytes against ingest's own budgets, not the cost points queries need", async () => {
    const key = await tinyPlanKey();
    const body = ndjson(50);
    const first = await ingest(body, key);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe(
      '"requests";q=100;w=60, "readings";q=2000;w=60, "bytes";q=200000;w=60',
    );
    const remaining = first.headers
      .get('ratelimit')!
      .match(/r=(\d+)/g)!
      .map((r) => Number(r.slice(2)));
    expect(remaining).toEqual([99, 1950, 200_000 - Buffer.byteLength(body)]);

    // The rest of the readings budget, and one batch beyond it: admitted, since the readings are counted
    // once telemetry has written them; the next batch is refused.
    expect((await ingest(ndjson(1940), key)).status).toBe(200);
    expect((await ingest(ndjson(20), key)).status).toBe(200);
    const refused = await ingest(ndjson(20), key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await extensionsOf(refused)).toMatchObject({ code: 'RATE_LIMITED', limit: 'readings' });

    // The key's 2 cost points a minute are all still there for a query that costs 2.
    const query = await post(stack.graphqlUrl, { query: '{ matches(first: 2) { id } }' }, key);
    expect(query.status).toBe(200);
    expect(query.headers.get('ratelimit')).toMatch(/"cost";r=0;/);
  });

  it('refuses a batch over the byte budget, naming it', async () => {
    const key = await tinyPlanKey();
    const big = ndjson(1_700);
    const next = ndjson(700);
    const [bigBytes, nextBytes] = [Buffer.byteLength(big), Buffer.byteLength(next)];
    expect(bigBytes).toBeLessThan(200_000);
    expect(bigBytes + nextBytes).toBeGreaterThan(200_000);
    expect((await ingest(big, key)).status).toBe(200);
    const refused = await ingest(next, key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await extensionsOf(refused)).toMatchObject({ code: 'RATE_LIMITED', limit: 'bytes' });
    expect(refused.headers.get('ratelimit')).toMatch(new RegExp(`"bytes";r=${200_000 - bigBytes};`));

    const tooLarge = await ingest(ndjson(2_500), await tinyPlanKey());
    expect(tooLarge.status).toBe(413);
    expect(await extensionsOf(tooLarge)).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      limit: 'bytes',
      maximum: 200_000,
    });
  });

  it('refuses a call without credentials before telemetry sees it', async () => {
    const response = await ingest(ndjson(5), {});
    expect(response.status).toBe(401);
    expect((await extensionsOf(response)).code).toBe('UNAUTHENTICATED');
  });
});

describe('a flood of bad requests', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '' } });
  });

  const heapUsed = async () =>
    Number(
      /^meridian_gateway_nodejs_heap_size_used_bytes ([\d.e+]+)$/m.exec(
        await (await fetch(`${stack.urls.gateway}/metrics`)).text(),
      )?.[1],
    );

  it('refuses each with a code and leaves the gateway’s heap where it was', async () => {
    const bad = [
      () => post(stack.graphqlUrl, '{"query": '),
      () =>
        post(
          stack.graphqlUrl,
          { query: '{ teams { name } }' },
          { 'x-api-key': `mer_live_${'A'.repeat(30)}_AAAAAA` },
        ),
      () => post(stack.graphqlUrl, { query: `{ teams { id } }` }),
      () =>
        post(
          stack.graphqlUrl,
          {
            query:
              '{ teams { players { team { players { team { players { team { players { team { name } } } } } } } } } }',
          },
          { 'x-api-key': demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET) },
        ),
    ];
    // Garbage is collected on V8's own schedule, so one measure proves nothing; a leak shows as a heap that
    // never comes back down while thousands more bad requests arrive. The old generation is collected only
    // after some 10,000 to 15,000 of them (when is a matter of how much each allocates), hence six rounds.
    const codes = new Set<unknown>();
    const samples: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 3_000; i++) {
        const { status, body } = await bad[i % bad.length]!();
        expect(status).toBeGreaterThanOrEqual(400);
        codes.add(body.errors?.[0]?.extensions?.code);
      }
      samples.push(await heapUsed());
    }
    expect([...codes].sort()).toEqual(['BAD_REQUEST', 'COST_LIMIT_EXCEEDED', 'UNAUTHENTICATED']);
    expect(Math.min(...samples.slice(1))).toBeLessThan(samples[0]! + 30 * 1024 * 1024);
  });
});
