/** In production the subgraphs answer only calls the gateway signed, and clients never see internals. */
import { randomBytes } from 'node:crypto';
import { signPrincipal } from '@meridian/kit';
import { post, signIn, startTestStack, type TestStack } from './support/platform';

const secret = randomBytes(32).toString('hex');
const ADMIN_PASSWORD = `Prod-${randomBytes(12).toString('hex')}`;

describe('the platform in production mode', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        NODE_ENV: 'production',
        PRINCIPAL_SECRET: secret,
        INTERNAL_TOKEN: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD,
        ANONYMOUS_SCOPES: 'billing:read,telemetry:read',
      },
    });
  });

  it('tells a call without a key which fields need one, before calling any subgraph', async () => {
    const { status, body } = await post(stack.graphqlUrl, {
      query: '{ customers { name broadcasts { venue } } }',
    });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      refused: [
        { field: 'Customer.broadcasts', missingScopes: [['matches:read']] },
        { field: 'Match.venue', missingScopes: [['matches:read']] },
      ],
    });
    expect(body.data).toBeUndefined();
  });

  it('answers through the gateway what the anonymous scopes allow', async () => {
    const { body } = await post(stack.graphqlUrl, { query: '{ customers { name partners { name } } }' });
    expect(body.errors).toBeUndefined();
    expect((body.data as { customers: unknown[] }).customers.length).toBeGreaterThan(0);
  });

  it('lets a portal session in through the gateway only, never straight to billing', async () => {
    const session = await signIn(stack.graphqlUrl, {
      email: 'admin@meridian.example',
      password: ADMIN_PASSWORD,
    });
    const viaGateway = await post(stack.graphqlUrl, { query: '{ me { email } }' }, session);
    expect(viaGateway.body.data).toEqual({ me: { email: 'admin@meridian.example' } });
    const direct = await post(`${stack.urls.billing}/graphql`, { query: '{ me { email } }' }, session);
    expect(direct.status).toBe(401);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses introspection to calls without credentials', async () => {
    const { status, body } = await post(stack.graphqlUrl, { query: '{ __schema { queryType { name } } }' });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each(['matches', 'telemetry', 'billing'] as const)(
    '%s refuses calls the gateway did not sign',
    async (name) => {
      const url = `${stack.urls[name]}/graphql`;
      const query = { query: '{ __typename }' };
      const unsigned = await post(url, query);
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const forged = await post(url, query, {
        'x-meridian-principal': signPrincipal({ scopes: ['billing:read'] }, 'not-the-secret'),
      });
      expect(forged.status).toBe(401);
      const stale = await post(url, query, {
        'x-meridian-principal': signPrincipal({ scopes: [] }, secret, Date.now() - 10 * 60_000),
      });
      expect(stale.status).toBe(401);
      const signed = await post(url, query, {
        'x-meridian-principal': signPrincipal({ scopes: [] }, secret),
      });
      expect(signed.status).toBe(200);
      expect(signed.body.data).toEqual({ __typename: 'Query' });
    },
  );

  it('hides which subgraph host was unreachable behind a generic message', async () => {
    await stack.stopService('telemetry');
    const { body } = await post(stack.graphqlUrl, { query: '{ fleet { registration } }' });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'DOWNSTREAM_SERVICE_ERROR',
      serviceName: 'telemetry',
    });
    expect(body.errors?.[0]?.message).toBe('The telemetry service is unavailable');
  });
});
