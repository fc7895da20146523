/**
 * Identical queries in flight at once share one execution and identical subgraph fetches one call, yet each
 * request is metered on its own; two partners polling the same fleet query never get each other's answer;
 * mutations are never shared. On a production-mode platform with real keys.
 */
import { randomBytes } from 'node:crypto';
import { ALL_SCOPES, HostilePlatform, type Key } from './hostile/corpus';
import { post } from './support/platform';

const BURST = 40;
const FLEET_QUERY = 'query PolledFleet { fleet { id registration engines { id health { index } } } }';

describe('in-flight deduplication', () => {
  let platform: HostilePlatform;
  let alpha: { id: string; key: Key; aircraft: Set<string> };
  let bravo: { id: string; key: Key; aircraft: Set<string> };

  const partner = async (customerId: string) => {
    const plan = await platform.createPlan('Deduplication');
    const { createPartner } = await platform.asAdmin<{ createPartner: { id: string } }>(
      'mutation ($n: String!, $p: ID!, $c: ID) { createPartner(name: $n, planId: $p, customerId: $c) { id } }',
      { n: `Polling Airline ${randomBytes(3).toString('hex')}`, p: plan, c: customerId },
    );
    const key = await platform.createKey(createPartner.id, [...ALL_SCOPES, 'keys:manage']);
    const { customer } = await platform.asAdmin<{ customer: { aircraft: { id: string }[] } }>(
      'query ($c: ID!) { customer(id: $c) { aircraft { id } } }',
      { c: customerId },
    );
    return { id: createPartner.id, key, aircraft: new Set(customer.aircraft.map((a) => a.id)) };
  };

  const executions = (kind: 'executed' | 'shared') =>
    platform.metric(new RegExp(`^meridian_gateway_executions_total\\{kind="${kind}"\\} (\\d+)$`));

  const meteredFor = async (partnerId: string) =>
    (
      await platform.asAdmin<{ quota: { used: number } }>(
        'query ($p: ID) { quota(partnerId: $p) { used } }',
        {
          p: partnerId,
        },
      )
    ).quota.used;

  const fleetOf = async (key: Key) => {
    const { body } = await post<{ fleet: { id: string }[] }>(
      `${platform.gatewayUrl}/graphql`,
      { query: FLEET_QUERY },
      key.headers,
    );
    expect(body.errors).toBeUndefined();
    return body.data!.fleet.map((aircraft) => aircraft.id);
  };

  beforeAll(async () => {
    // Without the answer cache, which would answer the burst's latecomers whole (test/cache.test.ts covers it).
    platform = await HostilePlatform.start({ METERING_INTERVAL_MS: '200', CACHE: 'off' });
    alpha = await partner('cus_0004');
    bravo = await partner('cus_0005');
  });

  it('answers a burst of identical queries with fewer executions than requests, and meters every request', async () => {
    const meteredBefore = await meteredFor(alpha.id);
    const before = { executed: await executions('executed'), shared: await executions('shared') };
    let shared = 0;
    let sent = 0;
    // A burst shares when its requests overlap; on a busy machine one may not, so up to three are sent.
    for (let burst = 0; burst < 3 && shared === 0; burst += 1) {
      const answers = await Promise.all(Array.from({ length: BURST }, () => fleetOf(alpha.key)));
      sent += BURST;
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]!.length).toBe(alpha.aircraft.size);
      shared = (await executions('shared')) - before.shared;
    }
    const executed = (await executions('executed')) - before.executed;
    expect(shared).toBeGreaterThan(0);
    expect(executed + shared).toBe(sent);
    expect(executed).toBeLessThan(sent);

    const started = Date.now();
    let metered = (await meteredFor(alpha.id)) - meteredBefore;
    while (metered < sent && Date.now() - started < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      metered = (await meteredFor(alpha.id)) - meteredBefore;
    }
    // Every request is counted, shared or not (the quota reads are the admin's, not the partner's).
    expect(metered).toBe(sent);
  });

  it("never gives one partner the other's answer when both poll the same query at once", async () => {
    for (let round = 0; round < 10; round += 1) {
      const callers = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? alpha : bravo));
      const answers = await Promise.all(callers.map((caller) => fleetOf(caller.key)));
      answers.forEach((answer, i) => {
        const caller = callers[i]!;
        expect(answer.length).toBe(caller.aircraft.size);
        for (const id of answer) expect(caller.aircraft.has(id)).toBe(true);
      });
    }
  });

  it('runs every one of identical mutations sent at once', async () => {
    const keysOf = async () =>
      (
        await platform.gql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, alpha.key.headers)
      ).apiKeys.map((key) => key.id);
    const before = await keysOf();
    const created = await Promise.all(
      Array.from({ length: 8 }, () =>
        platform.gql<{ createApiKey: { key: { id: string } } }>(
          'mutation Twin { createApiKey(name: "twin", scopes: ["matches:read"]) { key { id } } }',
          {},
          alpha.key.headers,
        ),
      ),
    );
    const ids = new Set(created.map((answer) => answer.createApiKey.key.id));
    expect(ids.size).toBe(8);
    expect((await keysOf()).length).toBe(before.length + 8);
  });
});
