/**
 * The benchmark's customers in billing: a plan whose limits are high enough that no measured request is
 * refused, partners on it, and their API keys. Created through billing's own GraphQL API by the development
 * platform's first admin, signed in the way the portal signs in (billing in development takes the session
 * token straight), so they are real partners and real keys; many keys are made a hundred to a request, the
 * most a partner may hold.
 */
import { DEVELOPMENT_ADMIN_PASSWORD } from '@meridian/billing';

/** `telemetry:catalog`: the benchmark's keys read every operator's fleets, as its operations expect. */
const BENCH_SCOPES = ['matches:read', 'telemetry:read', 'telemetry:catalog', 'billing:read'];
/** Billing refuses more active keys than this per partner. */
const KEYS_PER_PARTNER = 100;
/** Partners whose keys are being created at the same time. */
const PARALLEL_PARTNERS = 4;
/** The plan's limits: a 32-bit GraphQL Int each, far above what two cores can send in a minute or a run. */
const UNLIMITED = 2_000_000_000;

const ADMIN_EMAIL = 'admin@meridian.example';
const sessions = new Map<string, Promise<string>>();

/** The admin's access token at this billing, signed in once. */
function adminToken(billingUrl: string): Promise<string> {
  let token = sessions.get(billingUrl);
  if (!token) {
    token = post<{ login: { accessToken: string } }>(
      billingUrl,
      'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: ADMIN_EMAIL, p: DEVELOPMENT_ADMIN_PASSWORD },
    ).then((data) => data.login.accessToken);
    sessions.set(billingUrl, token);
  }
  return token;
}

async function asAdmin<Data>(billingUrl: string, query: string, variables: object = {}): Promise<Data> {
  return post<Data>(billingUrl, query, variables, {
    authorization: `Bearer ${await adminToken(billingUrl)}`,
  });
}

async function post<Data>(
  billingUrl: string,
  query: string,
  variables: object,
  headers: Record<string, string> = {},
): Promise<Data> {
  const response = await fetch(`${billingUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: { message: string }[] };
  if (!response.ok || body.errors || !body.data) {
    throw new Error(
      `billing refused the benchmark's setup: ${JSON.stringify(body.errors ?? response.status)}`,
    );
  }
  return body.data;
}

export async function createBenchPlan(billingUrl: string): Promise<string> {
  const { createPlan } = await asAdmin<{ createPlan: { id: string } }>(
    billingUrl,
    'mutation ($input: PlanInput!) { createPlan(input: $input) { id } }',
    {
      input: {
        name: `Benchmark ${Date.now()}`,
        monthlyPriceCents: 0,
        requestsPerMinute: UNLIMITED,
        costPointsPerMinute: UNLIMITED,
        monthlyQuota: UNLIMITED,
        concurrentSubscriptions: 1000,
        allowedScopes: BENCH_SCOPES,
        overageCentsPerThousand: 0,
      },
    },
  );
  return createPlan.id;
}

async function createPartner(billingUrl: string, planId: string, name: string): Promise<string> {
  const { createPartner } = await asAdmin<{ createPartner: { id: string } }>(
    billingUrl,
    'mutation ($name: String!, $planId: ID!) { createPartner(name: $name, planId: $planId) { id } }',
    { name, planId },
  );
  return createPartner.id;
}

async function createKeys(billingUrl: string, partnerId: string, count: number): Promise<string[]> {
  const fields = Array.from(
    { length: count },
    (_, i) => `k${i}: createApiKey(partnerId: $partnerId, name: "bench ${i}", scopes: $scopes) { secret }`,
  );
  const data = await asAdmin<Record<string, { secret: string }>>(
    billingUrl,
    `mutation ($partnerId: ID!, $scopes: [String!]!) { ${fields.join(' ')} }`,
    { partnerId, scopes: BENCH_SCOPES },
  );
  return Object.values(data).map((created) => created.secret);
}

/** `count` keys of partners on `planId`, a hundred per partner. */
export async function createBenchKeys(billingUrl: string, planId: string, count: number): Promise<string[]> {
  const partners = Math.ceil(count / KEYS_PER_PARTNER);
  const keys: string[] = [];
  for (let start = 0; start < partners; start += PARALLEL_PARTNERS) {
    const batch = Array.from({ length: Math.min(PARALLEL_PARTNERS, partners - start) }, async (_, i) => {
      const index = start + i;
      const partnerId = await createPartner(billingUrl, planId, `Benchmark partner ${index + 1}`);
      return createKeys(billingUrl, partnerId, Math.min(KEYS_PER_PARTNER, count - index * KEYS_PER_PARTNER));
    });
    for (const created of await Promise.all(batch)) keys.push(...created);
  }
  return keys;
}
