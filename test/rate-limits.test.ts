/**
 * Rate limits at the gateway: requests and cost points per window, with the IETF draft headers, and the
 * monthly quota, beyond which a plan with overage is still served and one without is refused.
 */
import { randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import { serviceEntries, subgraphNames } from '@meridian/stack';
import {
  post,
  query,
  signIn,
  startTestStack,
  TEST_ANONYMOUS_SCOPES,
  type TestStack,
} from './support/platform';

const cheap = { query: '{ matches(first: 2) { id } }' }; // cost 2

describe('rate limits for calls without a key', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { ANONYMOUS_REQUESTS_PER_MINUTE: '3', ANONYMOUS_COST_PER_MINUTE: '1000' },
    });
  });

  it('counts requests down in the headers, then answers 429 with Retry-After and RATE_LIMITED', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { status, headers } = await post(stack.graphqlUrl, cheap);
      expect(status).toBe(200);
      expect(headers.get('ratelimit-policy')).toBe('"requests";q=3;w=60, "cost";q=1000;w=60');
      seen.push(headers.get('ratelimit')!.split(',')[0]!.split(';')[1]!);
    }
    expect(seen).toEqual(['r=2', 'r=1', 'r=0']);
    const refused = await post(stack.graphqlUrl, cheap);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'requests' });
    expect(refused.body.data).toBeUndefined();
  });

  it('takes no client address from X-Forwarded-For when no load balancer is trusted', async () => {
    // The budget above is spent; a caller naming itself another address each time is still the same caller.
    for (const forwarded of ['203.0.113.7', '198.51.100.1, 203.0.113.8', '10.0.0.1']) {
      const refused = await post(stack.graphqlUrl, cheap, { 'x-forwarded-for': forwarded });
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    }
  });
});

describe("rate limits of the business team's sessions", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { ANONYMOUS_REQUESTS_PER_MINUTE: '3', ADMIN_REQUESTS_PER_MINUTE: '8' },
    });
  });

  it('gives each signed-in admin a budget of their own, sized for the admin pages, not the anonymous one', async () => {
    const admin = await signIn(stack.graphqlUrl);
    const plans = { query: '{ plans { id } }' };
    for (let i = 0; i < 8; i++) {
      const { status, headers } = await post(stack.graphqlUrl, plans, admin);
      expect(status).toBe(200);
      expect(headers.get('ratelimit-policy')).toMatch(/^"requests";q=8;w=60/);
    }
    const refused = await post(stack.graphqlUrl, plans, admin);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'requests' });
    // A caller without credentials from the same address still has only the anonymous budget, untouched.
    const anonymous = await post(stack.graphqlUrl, cheap);
    expect(anonymous.headers.get('ratelimit-policy')).toMatch(/^"requests";q=3;w=60/);
  });
});

describe('the order of the pipeline', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { ANONYMOUS_SCOPES: 'matches:read', ANONYMOUS_REQUESTS_PER_MINUTE: '3' },
    });
  });

  it('spends no rate budget on operations that authorization refused', async () => {
    for (let i = 0; i < 5; i++) {
      const refused = await post(stack.graphqlUrl, { query: '{ fleet { registration } }' });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('ratelimit')).toBeNull();
    }
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(stack.graphqlUrl, cheap)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('cost-point budgets', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ANONYMOUS_COST_PER_MINUTE: '25' } });
  });

  it('takes the estimated cost of each operation and refuses once the points run out', async () => {
    const ten = { query: '{ matches(first: 10) { id } }' };
    const first = await post(stack.graphqlUrl, ten);
    expect((first.body as { extensions?: { cost?: unknown } }).extensions?.cost).toMatchObject({
      estimated: 10,
      remaining: 15,
    });
    expect((await post(stack.graphqlUrl, ten)).status).toBe(200);
    const refused = await post(stack.graphqlUrl, ten);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'cost' });
  });
});

// The quota counter in the gateway's memory, and in Redis when there is one.
const quotaCounters: [string, Record<string, string>][] = [['in memory', {}]];
if (process.env.REDIS_URL) {
  quotaCounters.push([
    'in Redis',
    { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:` },
  ]);
} else console.warn('REDIS_URL is not set: the monthly quota is tested in memory only');

describe.each(quotaCounters)('the monthly quota counted %s', (_, counterEnv) => {
  const QUOTA = 3;
  let stack: TestStack;
  let admin: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack({ env: { METERING_INTERVAL_MS: '100', ...counterEnv } });
    admin = await signIn(stack.graphqlUrl);
  });

  const gql = <Data>(text: string, variables: Record<string, unknown>) =>
    query<Data>(stack.graphqlUrl, text, variables, admin);

  /** A fresh partner on a plan of QUOTA operations a month at the given overage price, and a key of it. */
  const partnerOnPlan = async (name: string, overageCentsPerThousand: number) => {
    const { createPlan } = await gql<{ createPlan: { id: string } }>(
      `mutation ($name: String!, $quota: Int!, $overage: Int!) { createPlan(input: { name: $name,
        monthlyPriceCents: 1000, requestsPerMinute: 100, costPointsPerMinute: 1000, monthlyQuota: $quota,
        concurrentSubscriptions: 1, allowedScopes: ["matches:read"], overageCentsPerThousand: $overage }) { id } }`,
      { name, quota: QUOTA, overage: overageCentsPerThousand },
    );
    const { createPartner } = await gql<{ createPartner: { id: string } }>(
      'mutation ($name: String!, $plan: ID!) { createPartner(name: $name, planId: $plan) { id } }',
      { name: `${name} Ltd`, plan: createPlan.id },
    );
    const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(
      'mutation ($p: ID!) { createApiKey(partnerId: $p, name: "quota test", scopes: ["matches:read"]) { secret } }',
      { p: createPartner.id },
    );
    return { partnerId: createPartner.id, key: { 'x-api-key': createApiKey.secret } };
  };

  const quotaItem = (headers: Headers) => /"quota";r=(\d+);/.exec(headers.get('ratelimit') ?? '')?.[1];

  it('refuses operations beyond the quota with QUOTA_EXCEEDED on a plan without overage', async () => {
    const { key } = await partnerOnPlan('Quota Capped', 0);
    const remaining: (string | undefined)[] = [];
    for (let i = 0; i < QUOTA; i++) {
      const { status, headers, body } = await post(stack.graphqlUrl, cheap, key);
      expect(status).toBe(200);
      expect(body.extensions).not.toHaveProperty('quota');
      remaining.push(quotaItem(headers));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await post(stack.graphqlUrl, cheap, key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(refused.body.data).toBeUndefined();
  });

  it('serves operations beyond the quota on a plan with overage, says so, and billing counts them', async () => {
    const { partnerId, key } = await partnerOnPlan('Quota Metered', 40);
    const beyond = 2;
    const answers = [];
    for (let i = 0; i < QUOTA + beyond; i++) answers.push(await post(stack.graphqlUrl, cheap, key));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((answer) => quotaItem(answer.headers))).toEqual(['2', '1', '0', '0', '0']);
    for (const [i, { body }] of answers.entries()) {
      expect(body.errors).toBeUndefined();
      expect(body.data).toHaveProperty('matches');
      if (i < QUOTA) expect(body.extensions).not.toHaveProperty('quota');
      else expect(body.extensions).toMatchObject({ quota: { overage: true } });
    }

    const quota = async () =>
      (
        await gql<{ quota: { used: number; remaining: number; limit: number } }>(
          'query ($p: ID) { quota(partnerId: $p) { used remaining limit } }',
          { p: partnerId },
        )
      ).quota;
    const started = Date.now();
    let counted = await quota();
    while (counted.used < QUOTA + beyond && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      counted = await quota();
    }
    expect(counted).toEqual({ used: QUOTA + beyond, remaining: 0, limit: QUOTA });

    // The month's draft invoice bills the two operations beyond the quota: one started thousand at 40 cents.
    const { generateInvoice } = await gql<{
      generateInvoice: { lines: { quantity: number; unitPriceCents: number; amountCents: number }[] };
    }>(
      'mutation ($p: ID!, $m: String!) { generateInvoice(partnerId: $p, period: $m) { lines { quantity unitPriceCents amountCents } } }',
      { p: partnerId, m: new Date().toISOString().slice(0, 7) },
    );
    expect(generateInvoice.lines).toEqual([
      { quantity: 1, unitPriceCents: 1000, amountCents: 1000 },
      { quantity: 1, unitPriceCents: 40, amountCents: 40 },
    ]);
  });
});

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.warn('REDIS_URL is not set: skipping the shared rate-limit test');
(redisUrl ? describe : describe.skip)('rate limits shared by gateway replicas through Redis', () => {
  it('counts calls to either replica against one budget', async () => {
    const env = {
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
      ANONYMOUS_REQUESTS_PER_MINUTE: '4',
    };
    const stack = await startTestStack({ env });
    const second = fork(serviceEntries.gateway, [], {
      env: {
        PATH: process.env.PATH,
        ...env,
        ANONYMOUS_SCOPES: TEST_ANONYMOUS_SCOPES,
        PORT: '0',
        SUBGRAPH_URLS: subgraphNames.map((name) => `${name}=${stack.urls[name]}/graphql`).join(','),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const secondUrl = await new Promise<string>((resolve, reject) => {
        second.once('message', (message: { url: string }) => resolve(`${message.url}/graphql`));
        second.once('exit', (code) => reject(new Error(`second gateway exited with ${code}`)));
      });
      const statuses: number[] = [];
      for (const url of [stack.graphqlUrl, secondUrl, stack.graphqlUrl, secondUrl, secondUrl]) {
        statuses.push((await post(url, cheap)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    } finally {
      second.kill();
    }
  });
});
