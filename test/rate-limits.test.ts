/** Rate limits at the gateway: requests and cost points per window, with the IETF draft headers. */
import { randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import { serviceEntries, subgraphNames } from '@meridian/stack';
import { post, startTestStack, TEST_ANONYMOUS_SCOPES, type TestStack } from './support/platform';

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
