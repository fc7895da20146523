/**
 * Billing inside the federated graph: through the gateway, a billing `Customer` joins the aircraft it
 * operates (telemetry) and the matches it broadcasts (matches), and those link back to it.
 */
import { post, startTestStack, type TestStack } from '../support/platform';
import { STARTUP_TIMEOUT_MS } from './service';

interface CustomerData {
  customer: {
    id: string;
    name: string;
    industry: string;
    aircraft: { registration: string; operator: { id: string } }[];
    broadcasts: { id: string; broadcaster: { id: string } | null }[];
  } | null;
}

const CUSTOMER = `query($id: ID!) {
  customer(id: $id) {
    id name industry
    aircraft { registration operator { id } }
    broadcasts { id broadcaster { id } }
  } }`;

describe('billing customers in the federated graph', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('joins an operator to its aircraft, and each aircraft back to it', async () => {
    const { body } = await post<CustomerData>(stack.graphqlUrl, {
      query: CUSTOMER,
      variables: { id: 'cus_0004' },
    });
    expect(body.errors).toBeUndefined();
    const customer = body.data!.customer!;
    expect(customer).toMatchObject({ id: 'cus_0004', industry: 'AVIATION', broadcasts: [] });
    expect(customer.aircraft.length).toBeGreaterThan(0);
    expect(customer.aircraft.every((aircraft) => aircraft.operator.id === 'cus_0004')).toBe(true);
  });

  it('joins a broadcaster to its matches, and each match back to it', async () => {
    const { body } = await post<CustomerData>(stack.graphqlUrl, {
      query: CUSTOMER,
      variables: { id: 'cus_0001' },
    });
    expect(body.errors).toBeUndefined();
    const customer = body.data!.customer!;
    expect(customer).toMatchObject({ id: 'cus_0001', industry: 'BROADCASTING', aircraft: [] });
    expect(customer.broadcasts.length).toBeGreaterThan(0);
    expect(customer.broadcasts.every((match) => match.broadcaster?.id === 'cus_0001')).toBe(true);
  });

  it('keeps partner data private to callers the gateway has not identified', async () => {
    const { body } = await post<{ customer: { partners: { id: string }[] } }>(stack.graphqlUrl, {
      query: '{ customer(id: "cus_0001") { partners { id } } }',
    });
    expect(body.data?.customer.partners).toEqual([]);
    const listing = await post(stack.graphqlUrl, { query: '{ partners { id } }' });
    expect(listing.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
