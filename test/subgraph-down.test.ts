/** A subgraph that is down costs only the fields it owns; queries that do not need it are unaffected. */
import { post, startTestStack, type TestStack } from './support/platform';

describe('with the billing subgraph stopped', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await stack.stopService('billing');
  });
  afterAll(() => stack?.close());

  it('returns the matches with a null broadcaster and a DOWNSTREAM_SERVICE_ERROR naming billing', async () => {
    const { status, body } = await post<{
      matches: { id: string; homeTeam: { name: string }; broadcaster: { name: string } | null }[];
    }>(stack.graphqlUrl, { query: '{ matches(first: 3) { id homeTeam { name } broadcaster { name } } }' });
    expect(status).toBe(200);
    expect(body.data?.matches).toHaveLength(3);
    for (const match of body.data!.matches) {
      expect(match.homeTeam.name).toEqual(expect.any(String));
      expect(match.broadcaster).toBeNull();
    }
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'DOWNSTREAM_SERVICE_ERROR',
      serviceName: 'billing',
    });
  });

  it('fails a query that only billing can answer with the same code', async () => {
    const { body } = await post(stack.graphqlUrl, { query: '{ customers { name } }' });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'DOWNSTREAM_SERVICE_ERROR',
      serviceName: 'billing',
    });
  });

  it('answers queries that need only matches and telemetry as before', async () => {
    const { body } = await post<{ teams: unknown[]; fleet: { engines: unknown[] }[] }>(stack.graphqlUrl, {
      query: '{ teams { name players { name } } fleet { registration engines { serial } } }',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.teams.length).toBeGreaterThan(0);
    expect(body.data?.fleet.every((aircraft) => aircraft.engines.length === 2)).toBe(true);
  });

  it("answers the session cookie's routes with a 502 naming billing, not a 200 a browser would read as success", async () => {
    for (const route of ['/auth/refresh', '/auth/logout']) {
      const response = await fetch(`${stack.urls.gateway}${route}`, {
        method: 'POST',
        headers: { origin: stack.urls.gateway, cookie: 'meridian_refresh=a-refresh-token' },
      });
      expect(response.status).toBe(502);
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({
        code: 'DOWNSTREAM_SERVICE_ERROR',
        serviceName: 'billing',
      });
    }
  });

  it('reports not ready, naming billing', async () => {
    const response = await fetch(`${stack.urls.gateway}/readyz`);
    expect(response.status).toBe(503);
    const readiness = (await response.json()) as { ready: boolean; subgraphs: Record<string, string> };
    expect(readiness.ready).toBe(false);
    expect(readiness.subgraphs).toMatchObject({ matches: 'ok', telemetry: 'ok' });
    expect(readiness.subgraphs.billing).not.toBe('ok');
  });
});
