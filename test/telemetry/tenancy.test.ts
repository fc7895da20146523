/**
 * Telemetry's tenancy through the gateway: two airlines' partners, each linked to its operator, read only
 * their own fleets, aircraft, engines, series and alerts (by query, entity reference and subscription) and
 * cannot write each other's engines by mutation or bulk ingest; a partner with the catalog scope reads every
 * operator's fleet data and still writes none of another operator's engines.
 */
import type { Client } from 'graphql-ws';
import { gatewayClient, post, query, signIn, startTestStack, type TestStack } from '../support/platform';

/** The first and second aviation customers of the demo data, with one of their engines each. */
const A = { customer: 'cus_0004', fleet: 'flt_0001', engine: 'eng_0001_1' };
const B = { customer: 'cus_0005', fleet: 'flt_0002', engine: 'eng_0004_1' };
const TELEMETRY_KEY = ['telemetry:read', 'telemetry:write', 'billing:read'];
/** How long a subscription may take to deliver an event or to refuse. */
const EVENT_WITHIN_MS = 10_000;

type Headers = Record<string, string>;

describe("telemetry tenancy: each operator's fleet data is its own", () => {
  let stack: TestStack;
  let admin: Headers;
  let keyA: Headers;
  let keyB: Headers;
  let catalogKey: Headers;
  let unlinkedKey: Headers;
  const clients: Client[] = [];
  /** Reading times, each after the one before, so every batch is newer than what telemetry holds. */
  let clock = 0;
  let batches = 0;

  const gql = <Data>(text: string, headers: Headers, variables: Record<string, unknown> = {}) =>
    query<Data>(stack.graphqlUrl, text, variables, headers);

  const partnerKey = async (name: string, plan: string, customerId: string | null, scopes: string[]) => {
    const { createPartner } = await gql<{ createPartner: { id: string } }>(
      'mutation ($n: String!, $p: ID!, $c: ID) { createPartner(name: $n, planId: $p, customerId: $c) { id } }',
      admin,
      { n: name, p: plan, c: customerId },
    );
    const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(
      'mutation ($p: ID!, $s: [String!]!) { createApiKey(partnerId: $p, name: "tenancy", scopes: $s) { secret } }',
      admin,
      { p: createPartner.id, s: scopes },
    );
    return { 'x-api-key': createApiKey.secret };
  };

  beforeAll(async () => {
    // No demo stream, so every reading and alert below is the test's own; anonymous callers read nothing.
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', TELEMETRY_STREAM_RATE_HZ: '0' } });
    admin = await signIn(stack.graphqlUrl);
    keyA = await partnerKey('Blue Horizon Tenancy', 'plan_pro', A.customer, TELEMETRY_KEY);
    keyB = await partnerKey('Austral Tenancy', 'plan_pro', B.customer, TELEMETRY_KEY);
    catalogKey = await partnerKey('Engine Maker Tenancy', 'plan_enterprise', null, [
      ...TELEMETRY_KEY,
      'telemetry:catalog',
    ]);
    unlinkedKey = await partnerKey('Unlinked Tenancy', 'plan_pro', null, TELEMETRY_KEY);
    clock = Date.now() + 1_000;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });

  const INGEST =
    'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings duplicate } }';
  /** A reading of T30 far above its normal range: a critical threshold alert wherever it is written. */
  const hotBatch = (engine: string) => ({
    idempotencyKey: `tenancy-${(batches += 1)}`,
    engine,
    readings: [{ sensor: 'T30', time: new Date((clock += 10)).toISOString(), value: 9_999 }],
  });
  const ingestHot = (engine: string, headers: Headers) =>
    post<{ ingestReadings: { readings: number } }>(
      stack.graphqlUrl,
      { query: INGEST, variables: { batch: hotBatch(engine) } },
      headers,
    );

  const bulk = (lines: { engine: string; sensor: string; value: number }[], headers: Headers) =>
    fetch(`${stack.urls.gateway}/ingest/telemetry`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        'idempotency-key': `tenancy-bulk-${(batches += 1)}`,
        ...headers,
      },
      body: lines.map((line) => JSON.stringify({ ...line, time: (clock += 10) })).join('\n'),
    });

  /** What an operator's own key sees: its engine's recent T30 readings and its fleet's alerts. */
  const stateOf = async (of: typeof A, headers: Headers) => {
    const data = await gql<{ alerts: { id: string }[]; series: { buckets: { count: number }[] } }>(
      `query ($from: DateTimeISO!, $to: DateTimeISO!) {
        alerts(fleet: "${of.fleet}", first: 500) { id }
        series(engine: "${of.engine}", sensor: "T30", from: $from, to: $to, buckets: 1) { buckets { count } }
      }`,
      headers,
      { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(clock + 60_000).toISOString() },
    );
    return { alerts: data.alerts.map((a) => a.id).sort(), readings: data.series.buckets[0]!.count };
  };
  const stateOfB = () => stateOf(B, keyB);

  const extensionsOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    body.errors?.[0]?.extensions;

  it('sells the catalog scope on Enterprise only', async () => {
    const proPartner = await gql<{ createPartner: { id: string } }>(
      'mutation { createPartner(name: "Pro Catalog Tenancy", planId: "plan_pro") { id } }',
      admin,
    );
    const refused = await post(
      stack.graphqlUrl,
      {
        query:
          'mutation ($p: ID!) { createApiKey(partnerId: $p, name: "catalog", scopes: ["telemetry:read", "telemetry:catalog"]) { secret } }',
        variables: { p: proPartner.createPartner.id },
      },
      admin,
    );
    expect(extensionsOf(refused.body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'scopes' });
  });

  it("refuses a batch for another operator's engine by mutation or bulk ingest, and writes none of it", async () => {
    const before = await stateOfB();
    const ownBefore = await stateOf(A, keyA);

    const byMutation = await ingestHot(B.engine, keyA);
    expect(extensionsOf(byMutation.body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'batch',
      problemCount: 1,
    });

    // A bulk batch naming A's own engine too is refused whole.
    const byBulk = await bulk(
      [
        { engine: A.engine, sensor: 'T30', value: 1_590 },
        { engine: B.engine, sensor: 'T30', value: 9_999 },
      ],
      keyA,
    );
    expect(byBulk.status).toBe(400);
    expect(extensionsOf((await byBulk.json()) as never)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'body',
      problemCount: 1,
    });

    expect(await stateOfB()).toEqual(before);
    expect(await stateOf(A, keyA)).toEqual(ownBefore);
  });

  it("refuses another operator's engine in the same words as an engine that does not exist", async () => {
    const foreign = await ingestHot(B.engine, keyA);
    const missing = await ingestHot('eng_9999_1', keyA);
    const problemOf = (body: typeof foreign.body, engine: string) => {
      const [problem] = extensionsOf(body)!.problems as { at: string; message: string }[];
      return { ...problem, message: problem!.message.replace(engine, '<engine>') };
    };
    expect(problemOf(foreign.body, B.engine)).toEqual(problemOf(missing.body, 'eng_9999_1'));
  });

  it("takes readings for the operator's own engines, by mutation and bulk ingest", async () => {
    const byMutation = await ingestHot(A.engine, keyA);
    expect(byMutation.body).toMatchObject({ data: { ingestReadings: { readings: 1, duplicate: false } } });
    const byBulk = await bulk([{ engine: A.engine, sensor: 'T30', value: 1_590 }], keyA);
    expect(byBulk.status).toBe(200);
    expect(await byBulk.json()).toMatchObject({ readings: 1 });
  });

  it('lets the catalog key read every operator but write none of their engines', async () => {
    const data = await gql<{ fleets: { id: string }[]; engine: { id: string } | null }>(
      `{ fleets { id } engine(id: "${B.engine}") { id } }`,
      catalogKey,
    );
    expect(data.fleets.map((f) => f.id)).toEqual(['flt_0001', 'flt_0002', 'flt_0003']);
    expect(data.engine).toEqual({ id: B.engine });

    const before = await stateOfB();
    const byMutation = await ingestHot(B.engine, catalogKey);
    expect(extensionsOf(byMutation.body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'batch' });
    const byBulk = await bulk([{ engine: B.engine, sensor: 'T30', value: 9_999 }], catalogKey);
    expect(byBulk.status).toBe(400);
    expect(await stateOfB()).toEqual(before);
  });

  it('shows a partner only its own fleets, aircraft, engines, alerts and engines needing attention', async () => {
    // An alert on each airline's engine, so both have something to show.
    expect((await ingestHot(B.engine, keyB)).body.errors).toBeUndefined();
    expect((await ingestHot(A.engine, keyA)).body.errors).toBeUndefined();
    const lists = `{
      fleets { id operator { id } attention { engine { id } } }
      fleet { operator { id } engines { id } }
      alerts(first: 500) { engine { aircraft { operator { id } } } }
      enginesNeedingAttention(first: 100) { engine { aircraft { operator { id } } } }
    }`;
    interface Lists {
      fleets: { id: string; operator: { id: string } }[];
      fleet: { operator: { id: string }; engines: { id: string }[] }[];
      alerts: { engine: { aircraft: { operator: { id: string } } } }[];
      enginesNeedingAttention: { engine: { aircraft: { operator: { id: string } } } }[];
    }
    const operators = (data: Lists) => ({
      fleets: [...new Set(data.fleets.map((f) => f.operator.id))],
      aircraft: [...new Set(data.fleet.map((a) => a.operator.id))],
      alerts: [...new Set(data.alerts.map((a) => a.engine.aircraft.operator.id))],
      attention: [...new Set(data.enginesNeedingAttention.map((a) => a.engine.aircraft.operator.id))],
    });
    const ofA = await gql<Lists>(lists, keyA);
    expect(operators(ofA)).toEqual({
      fleets: [A.customer],
      aircraft: [A.customer],
      alerts: [A.customer],
      attention: [A.customer],
    });
    expect(ofA.fleet.flatMap((a) => a.engines.map((e) => e.id))).toContain(A.engine);

    const ofCatalog = await gql<Lists>(lists, catalogKey);
    expect(operators(ofCatalog).alerts).toEqual(expect.arrayContaining([A.customer, B.customer]));
    const ofAdmin = await gql<Lists>(lists, admin);
    expect(operators(ofAdmin).fleets).toEqual(['cus_0004', 'cus_0005', 'cus_0006']);

    expect(await gql<Lists>(lists, unlinkedKey)).toEqual({
      fleets: [],
      fleet: [],
      alerts: [],
      enginesNeedingAttention: [],
    });
  });

  it("answers lookups of another operator's data as if it did not exist, across subgraphs too", async () => {
    const data = await gql<Record<string, unknown>>(
      `{
        engine(id: "${B.engine}") { id }
        fleetById(id: "${B.fleet}") { id }
        aircraft(id: "ac_0004") { id }
        alerts(fleet: "${B.fleet}") { id }
        byEngine: alerts(engine: "${B.engine}") { id }
        customer(id: "${B.customer}") { name aircraft { id } fleets { id } }
      }`,
      keyA,
    );
    expect(data).toEqual({
      engine: null,
      fleetById: null,
      aircraft: null,
      alerts: [],
      byEngine: [],
      customer: { name: 'Austral Air Cargo', aircraft: [], fleets: [] },
    });
    const own = await gql<{ customer: { aircraft: { id: string }[] } }>(
      `{ customer(id: "${A.customer}") { aircraft { id } } }`,
      keyA,
    );
    expect(own.customer.aircraft.map((a) => a.id)).toEqual(
      expect.arrayContaining(['ac_0001', 'ac_0002', 'ac_0003']),
    );
  });

  it("refuses the series of another operator's engine like an unknown engine", async () => {
    const series = (engine: string) =>
      post(
        stack.graphqlUrl,
        {
          query: `{ series(engine: "${engine}", sensor: "T30", from: "${new Date(Date.now() - 3_600_000).toISOString()}", to: "${new Date().toISOString()}", buckets: 10) { source } }`,
        },
        keyA,
      );
    const foreign = await series(B.engine);
    const missing = await series('eng_9999_1');
    expect(extensionsOf(foreign.body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'engine' });
    expect(extensionsOf(foreign.body)).toEqual(extensionsOf(missing.body));
  });

  /** The first thing a subscription hears: an event's data or errors, a transport error, or its end. */
  const firstOf = (client: Client, subscription: string) =>
    new Promise<{ data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] }>(
      (resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`nothing within ${EVENT_WITHIN_MS} ms`)),
          EVENT_WITHIN_MS,
        );
        const stop = client.subscribe(
          { query: subscription },
          {
            next: (event) => {
              clearTimeout(timer);
              stop();
              resolve(event);
            },
            error: (error) => {
              clearTimeout(timer);
              resolve({
                errors: Array.isArray(error) ? error : [{ extensions: { transport: String(error) } }],
              });
            },
            complete: () => {
              clearTimeout(timer);
              resolve({});
            },
          },
        );
      },
    );

  it("refuses a live subscription to another operator's engine like one to an unknown engine", async () => {
    const client = gatewayClient(stack.urls.gateway, keyA);
    clients.push(client);
    const readings = (engine: string) =>
      `subscription { sensorReadings(engine: "${engine}", sensors: ["T30"]) { from } }`;
    const foreign = await firstOf(client, readings(B.engine));
    const missing = await firstOf(client, readings('eng_9999_1'));
    expect(foreign.data ?? null).toBeNull();
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'engine' });
    expect(foreign.errors?.[0]?.extensions).toEqual(missing.errors?.[0]?.extensions);
  });

  it("does not deliver another operator's alerts to an alert subscriber", async () => {
    const client = gatewayClient(stack.urls.gateway, keyA);
    clients.push(client);
    const received: string[] = [];
    const failures: unknown[] = [];
    let heard: () => void = () => undefined;
    const stop = client.subscribe<{ engineAlerts: { engine: { id: string } } }>(
      { query: 'subscription { engineAlerts { engine { id } } }' },
      {
        next: (event) => {
          if (event.errors) failures.push(event.errors);
          if (event.data) received.push(event.data.engineAlerts.engine.id);
          heard();
        },
        error: (error) => failures.push(error),
        complete: () => undefined,
      },
    );
    /** Raises alerts on A's engine until one arrives: the subscription is then open end to end. */
    const ownAlertArrives = async () => {
      const count = received.length;
      const deadline = Date.now() + EVENT_WITHIN_MS;
      while (received.length === count) {
        if (Date.now() > deadline) throw new Error('no alert of its own engine reached the subscriber');
        const arrived = new Promise<void>((resolve) => (heard = resolve));
        expect((await ingestHot(A.engine, keyA)).body.errors).toBeUndefined();
        await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 500))]);
      }
    };
    await ownAlertArrives();
    // B's alert is raised before A's next one: had it been delivered, it would have arrived first.
    const before = received.length;
    expect((await ingestHot(B.engine, keyB)).body.errors).toBeUndefined();
    await ownAlertArrives();
    stop();
    expect(failures).toEqual([]);
    expect(received.slice(before).every((engine) => engine === A.engine)).toBe(true);
    expect(received).not.toContain(B.engine);
  });
});
