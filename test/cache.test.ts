/**
 * The gateway's answer cache on a production-mode platform with real keys: a partner's repeated query is
 * answered from the cache and never with another partner's rows; answers say how long they may be kept and
 * how old they are; a write (bulk ingest, a mutation) is seen by the next read within a second; mutations are
 * never cached; shared reference data is fetched once for every partner, entity by entity.
 */
import { randomBytes } from 'node:crypto';
import { ALL_SCOPES, HostilePlatform, type Key } from './hostile/corpus';
import { post } from './support/platform';
import { ReadingClock } from './support/readings';

const FLEET_QUERY = 'query CachedFleet { fleet { id registration engines { id health { index } } } }';
const SERIES_QUERY = `query CachedSeries($from: DateTimeISO!, $to: DateTimeISO!) {
  series(engine: "eng_0001_1", sensor: "T30", from: $from, to: $to, buckets: 1) { buckets { count } }
}`;

describe('the answer cache', () => {
  let platform: HostilePlatform;
  let alpha: { id: string; key: Key; aircraft: Set<string> };
  let bravo: { id: string; key: Key; aircraft: Set<string> };
  const clock = new ReadingClock();

  const partner = async (customerId: string) => {
    const plan = await platform.createPlan('Cache');
    const created = await platform.createPartner(
      `Cached Airline ${randomBytes(3).toString('hex')}`,
      plan,
      customerId,
    );
    const key = await platform.createKey(created.id, ALL_SCOPES);
    const { customer } = await platform.asAdmin<{ customer: { aircraft: { id: string }[] } }>(
      'query ($c: ID!) { customer(id: $c) { aircraft { id } } }',
      { c: customerId },
    );
    return { id: created.id, key, aircraft: new Set(customer.aircraft.map((a) => a.id)) };
  };

  const lookups = (subgraph: string, result: 'hit' | 'miss') =>
    platform.metric(
      new RegExp(
        `^meridian_gateway_cache_lookups_total\\{subgraph="${subgraph}",result="${result}"\\} (\\d+)$`,
      ),
    );

  const responseHits = () =>
    platform.metric(/^meridian_gateway_cache_responses_total\{result="hit"\} (\d+)$/);

  const matchesFetches = () =>
    platform.metric(
      /^meridian_gateway_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="matches"[^}]*\} (\d+)$/,
    );

  const ask = <Data>(query: string, key: Key, variables: Record<string, unknown> = {}) =>
    post<Data>(`${platform.gatewayUrl}/graphql`, { query, variables }, key.headers);

  beforeAll(async () => {
    // No demo stream: the only writes to telemetry are the tests' own.
    platform = await HostilePlatform.start({ TELEMETRY_STREAM_RATE_HZ: '0', METERING_INTERVAL_MS: '200' });
    alpha = await partner('cus_0004');
    bravo = await partner('cus_0005');
    clock.start();
  });

  it("answers a partner's repeated query from the cache, and never with another partner's fleet", async () => {
    const hitsBefore = await responseHits();
    const ages: (string | null)[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (const caller of [alpha, bravo]) {
        const { body, headers } = await ask<{ fleet: { id: string }[] }>(FLEET_QUERY, caller.key);
        expect(body.errors).toBeUndefined();
        const ids = body.data!.fleet.map((aircraft) => aircraft.id);
        expect(ids.length).toBe(caller.aircraft.size);
        for (const id of ids) expect(caller.aircraft.has(id)).toBe(true);
        if (caller === alpha) ages.push(headers.get('age'));
      }
    }
    // Each partner's first round executed; the four after it were answered whole from the cache.
    expect(await responseHits()).toBeGreaterThanOrEqual(hitsBefore + 8);
    expect(ages.slice(1).every((age) => age !== null && Number(age) >= 0)).toBe(true);
  });

  it('meters every request answered from the cache', async () => {
    // A partner of its own, so no earlier test's usage is still on its way.
    const charlie = await partner('cus_0005');
    const used = async () =>
      (
        await platform.asAdmin<{ quota: { used: number } }>(
          'query ($p: ID) { quota(partnerId: $p) { used } }',
          {
            p: charlie.id,
          },
        )
      ).quota.used;
    const hitsBefore = await responseHits();
    const sent = 12;
    for (let i = 0; i < sent; i += 1)
      expect((await ask(FLEET_QUERY, charlie.key)).body.errors).toBeUndefined();
    expect(await responseHits()).toBeGreaterThanOrEqual(hitsBefore + sent - 1);
    const started = Date.now();
    while ((await used()) < sent && Date.now() - started < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await used()).toBe(sent);
  });

  it('says how long an answer may be kept, only by the caller, and how old it is', async () => {
    const window = { from: new Date(Date.now() - 3_600_000).toISOString(), to: clock.isoAt(+3_600_000) };
    const first = await ask(SERIES_QUERY, alpha.key, window);
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toMatch(/^max-age=\d+, private$/);
    expect(first.headers.get('age')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = await ask(SERIES_QUERY, alpha.key, window);
    expect(again.body.data).toEqual(first.body.data);
    expect(Number(again.headers.get('age'))).toBeGreaterThanOrEqual(1);

    const mutation = await ask(
      'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings } }',
      alpha.key,
      { batch: clock.batch(`headers-${randomBytes(4).toString('hex')}`, 1) },
    );
    expect(mutation.body.errors).toBeUndefined();
    expect(mutation.headers.get('cache-control')).toBe('no-store, no-transform');
  });

  it('shows a bulk-ingested batch to the next read within a second', async () => {
    const window = { from: new Date(Date.now() - 3_600_000).toISOString(), to: clock.isoAt(+3_600_000) };
    const count = async () => {
      const { body, headers } = await ask<{ series: { buckets: { count: number }[] } }>(
        SERIES_QUERY,
        alpha.key,
        window,
      );
      expect(body.errors).toBeUndefined();
      return { readings: body.data!.series.buckets[0]!.count, age: headers.get('age') };
    };
    // Served from the cache before the write, otherwise the test would prove nothing (the earlier tests' writes
    // may still be announcing themselves for a moment).
    let before = await count();
    const since = Date.now();
    while (before.age === null && Date.now() - since < 5_000) before = await count();
    expect(before.age).not.toBeNull();

    const ingested = await fetch(`${platform.gatewayUrl}/ingest/telemetry`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        'idempotency-key': `cache-${randomBytes(4).toString('hex')}`,
        ...alpha.key.headers,
      },
      body: clock.ndjson(5),
    });
    expect(ingested.status).toBe(200);
    const written = Date.now();
    let after = await count();
    while (after.readings === before.readings && Date.now() - written < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await count();
    }
    expect(after.readings).toBe(before.readings + 5);
    expect(Date.now() - written).toBeLessThan(1_000);
  });

  it('fetches a shared entity once for every query and partner that needs it', async () => {
    const broadcasts = 'query ($c: ID!) { customer(id: $c) { id broadcasts { id kickoff } } }';
    const everyone = '{ customers { id broadcasts { id kickoff } } }';
    const hitsBefore = await lookups('matches', 'hit');
    const one = await ask<{ customer: { broadcasts: unknown[] } }>(broadcasts, alpha.key, { c: 'cus_0001' });
    expect(one.body.errors).toBeUndefined();
    // Another query and another partner: the matches subgraph is asked only for the customers not cached yet.
    const all = await ask<{ customers: { id: string; broadcasts: unknown[] }[] }>(everyone, bravo.key);
    expect(all.body.errors).toBeUndefined();
    const same = all.body.data!.customers.find((customer) => customer.id === 'cus_0001');
    expect(same?.broadcasts).toEqual(one.body.data!.customer.broadcasts);
    expect(await lookups('matches', 'hit')).toBeGreaterThanOrEqual(hitsBefore + 1);
    // And once everything is cached, no fetch of matches at all.
    const fetchesBefore = await matchesFetches();
    const again = await ask(everyone, alpha.key);
    expect(again.body.data).toEqual(all.body.data);
    expect(await matchesFetches()).toBe(fetchesBefore);
  });

  it("refuses every subgraph's change feed to a caller without the internal token", async () => {
    for (const name of ['matches', 'telemetry', 'billing'] as const) {
      for (const headers of [{}, { 'x-meridian-internal-token': 'x'.repeat(64) }] as Record<
        string,
        string
      >[]) {
        const answer = await fetch(`${platform.stack.urls[name]}/internal/changes`, { headers });
        expect(answer.status).toBe(401);
        const body = (await answer.json()) as { errors: { extensions: { code: string } }[] };
        expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it("shows a mutation's write to the very next read, and never caches a mutation", async () => {
    const window = { from: new Date(Date.now() - 3_600_000).toISOString(), to: clock.isoAt(+3_600_000) };
    const count = async () =>
      (await ask<{ series: { buckets: { count: number }[] } }>(SERIES_QUERY, alpha.key, window)).body.data!
        .series.buckets[0]!.count;
    const before = await count();
    const mutation = 'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings } }';
    const idempotencyKey = `cache-mutation-${randomBytes(4).toString('hex')}`;
    const batch = clock.batch(idempotencyKey, 2);
    const first = await ask<{ ingestReadings: { readings: number } }>(mutation, alpha.key, { batch });
    expect(first.body.data?.ingestReadings.readings).toBe(2);
    expect(await count()).toBe(before + 2);
    // The same mutation again runs again (telemetry answers it as a repeat), never from a cache.
    const fetchesBefore = await platform.subgraphFetches();
    await ask(mutation, alpha.key, { batch });
    expect(await platform.subgraphFetches()).toBeGreaterThan(fetchesBefore);
  });
});
