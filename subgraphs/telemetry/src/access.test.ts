import 'reflect-metadata';
import { createPubSub, type Principal } from '@meridian/kit';
import { graphql, parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { accessOf, mayRead, readableOperators, writableOperators } from './access';
import { createContext } from './context';
import { ingestBatch } from './ingest/ingest';
import { createLivePublisher } from './live/publisher';
import { buildTelemetrySchema } from './schema';
import { openTelemetryStore, type TelemetryStore } from './store';
import { seedIfEmpty } from './seed';
import { testLocations } from './store/test-locations';

// The mutation checks readings against the real clock, so the test's history ends now.
const NOW = Date.now();
/** The demo data's first airline (fleet flt_0001, aircraft ac_0001 to ac_0003) and the second. */
const OWN = { operator: 'cus_0004', fleet: 'flt_0001', aircraft: 'ac_0001', engine: 'eng_0001_1' };
const FOREIGN = { operator: 'cus_0005', fleet: 'flt_0002', aircraft: 'ac_0004', engine: 'eng_0004_1' };

const airline: Principal = {
  partnerId: 'par_airline',
  customerId: OWN.operator,
  keyId: 'key_airline',
  scopes: ['telemetry:read', 'telemetry:write'],
};
const catalog: Principal = {
  partnerId: 'par_maker',
  customerId: OWN.operator,
  keyId: 'key_maker',
  scopes: ['telemetry:read', 'telemetry:write', 'telemetry:catalog'],
};
const unlinked: Principal = {
  partnerId: 'par_unlinked',
  keyId: 'key_unlinked',
  scopes: ['telemetry:read', 'telemetry:write'],
};
const admin: Principal = {
  userId: 'usr_admin',
  role: 'admin',
  scopes: ['telemetry:read', 'telemetry:write'],
};

describe('accessOf', () => {
  it('reads and writes everything for an unsigned development call', () => {
    const access = accessOf(null);
    expect(access).toEqual({ readsAll: true, writesAll: true, operatorId: null });
    expect(readableOperators(access)).toBeUndefined();
    expect(writableOperators(access)).toBeUndefined();
  });

  it("keeps a partner linked to an operator to that operator's data", () => {
    const access = accessOf(airline);
    expect(access).toEqual({ readsAll: false, writesAll: false, operatorId: OWN.operator });
    expect(readableOperators(access)).toEqual([OWN.operator]);
    expect(writableOperators(access)).toEqual([OWN.operator]);
    expect(mayRead(access, OWN.operator)).toBe(true);
    expect(mayRead(access, FOREIGN.operator)).toBe(false);
    expect(mayRead(access, null)).toBe(false);
  });

  it('lets the catalog scope and admins read every operator, and write no more than their own', () => {
    expect(readableOperators(accessOf(catalog))).toBeUndefined();
    expect(writableOperators(accessOf(catalog))).toEqual([OWN.operator]);
    expect(readableOperators(accessOf(admin))).toBeUndefined();
    expect(writableOperators(accessOf(admin))).toEqual([]);
    expect(mayRead(accessOf(admin), FOREIGN.operator)).toBe(true);
  });

  it('gives a partner without an operator or the catalog nothing to read or write', () => {
    const access = accessOf(unlinked);
    expect(readableOperators(access)).toEqual([]);
    expect(writableOperators(access)).toEqual([]);
    expect(mayRead(access, OWN.operator)).toBe(false);
  });
});

const locations = testLocations(process.env.DATABASE_URL);
afterAll(() => Promise.all(locations.map((l) => l.dropAll())));

describe.each(locations)('fleet data per caller on $name', (location) => {
  let store: TelemetryStore;
  let schema: GraphQLSchema;
  let pubSub: PubSub;

  const run = async (
    principal: Principal | null,
    source: string,
    variableValues?: Record<string, unknown>,
  ) => {
    const result = await graphql({
      schema,
      source,
      variableValues,
      contextValue: createContext(store, { principal, pubSub }),
    });
    return { data: result.data as Record<string, never>, errors: result.errors };
  };

  /** A reading far above T30's normal range, which raises a threshold alert on `engine`. */
  const hot = (engine: string, time: number) => ({
    engineId: engine,
    sensor: 'T30',
    times: Float64Array.of(time),
    start: time,
    period: 0,
    values: Float64Array.of(9_999),
  });

  beforeAll(async () => {
    ({ store } = await openTelemetryStore({
      location: location.create(),
      seedIfEmpty: (s) => seedIfEmpty(s, { seed: 1, sensors: 30, flights: 5, now: NOW - 86_400_000 }),
    }));
    pubSub = await createPubSub();
    schema = await buildTelemetrySchema(pubSub);
    // An alert on an engine of each airline, written as the platform's own tooling writes.
    const seeded = await ingestBatch(
      store,
      {
        idempotencyKey: 'hot-both',
        series: [hot(OWN.engine, NOW - 60_000), hot(FOREIGN.engine, NOW - 60_000)],
      },
      NOW,
    );
    expect(seeded).toMatchObject({ accepted: true, readings: 2 });
  });
  afterAll(() => store.close());

  const LISTS = `{
    fleets { id operator { id } attention(first: 50) { engine { id } } }
    fleet { id operator { id } fleet { id } engines { id aircraft { id } } }
    alerts(first: 100) { engine { id aircraft { operator { id } } } }
    enginesNeedingAttention(first: 100) { engine { aircraft { operator { id } } } }
  }`;

  const operatorsIn = (data: Record<string, never>) => {
    const { fleets, fleet, alerts, enginesNeedingAttention } = data as unknown as {
      fleets: { operator: { id: string } }[];
      fleet: { operator: { id: string } }[];
      alerts: { engine: { aircraft: { operator: { id: string } } } }[];
      enginesNeedingAttention: { engine: { aircraft: { operator: { id: string } } } }[];
    };
    const distinct = (ids: string[]) => [...new Set(ids)].sort();
    return {
      fleets: distinct(fleets.map((f) => f.operator.id)),
      aircraft: distinct(fleet.map((a) => a.operator.id)),
      alerts: distinct(alerts.map((a) => a.engine.aircraft.operator.id)),
      attention: distinct(enginesNeedingAttention.map((a) => a.engine.aircraft.operator.id)),
    };
  };

  it("lists only the operator's own fleets, aircraft, alerts and engines needing attention", async () => {
    const { data, errors } = await run(airline, LISTS);
    expect(errors).toBeUndefined();
    const own = [OWN.operator];
    expect(operatorsIn(data)).toEqual({ fleets: own, aircraft: own, alerts: own, attention: own });
  });

  it('lists every operator for the catalog scope, an admin and an unsigned call', async () => {
    for (const principal of [catalog, admin, null]) {
      const { data, errors } = await run(principal, LISTS);
      expect(errors).toBeUndefined();
      const every = ['cus_0004', 'cus_0005', 'cus_0006'];
      expect(operatorsIn(data).fleets).toEqual(every);
      expect(operatorsIn(data).aircraft).toEqual(every);
      expect(operatorsIn(data).alerts).toEqual(expect.arrayContaining([OWN.operator, FOREIGN.operator]));
    }
  });

  it('lists nothing for a partner with neither an operator nor the catalog', async () => {
    const { data, errors } = await run(unlinked, LISTS);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ fleets: [], fleet: [], alerts: [], enginesNeedingAttention: [] });
  });

  const LOOKUPS = `query ($fleet: ID!, $aircraft: ID!, $engine: ID!) {
    fleetById(id: $fleet) { id }
    aircraft(id: $aircraft) { id }
    engine(id: $engine) { id }
    alerts(engine: $engine) { id }
    byFleet: alerts(fleet: $fleet) { id }
    enginesNeedingAttention(fleet: $fleet) { reasons }
  }`;
  const ids = (of: typeof OWN) => ({ fleet: of.fleet, aircraft: of.aircraft, engine: of.engine });
  const nothing = {
    fleetById: null,
    aircraft: null,
    engine: null,
    alerts: [],
    byFleet: [],
    enginesNeedingAttention: [],
  };

  it("answers a lookup of another operator's fleet, aircraft or engine as if it did not exist", async () => {
    const foreign = await run(airline, LOOKUPS, ids(FOREIGN));
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data).toEqual(nothing);
    const missing = await run(airline, LOOKUPS, {
      fleet: 'flt_9999',
      aircraft: 'ac_9999',
      engine: 'eng_9999_1',
    });
    expect(missing.data).toEqual(nothing);

    const own = await run(airline, LOOKUPS, ids(OWN));
    expect(own.data).toMatchObject({
      fleetById: { id: OWN.fleet },
      aircraft: { id: OWN.aircraft },
      engine: { id: OWN.engine },
    });
    expect((own.data.alerts as unknown[]).length).toBeGreaterThan(0);
    expect((await run(unlinked, LOOKUPS, ids(OWN))).data).toEqual(nothing);
    expect((await run(catalog, LOOKUPS, ids(FOREIGN))).data).toMatchObject({
      engine: { id: FOREIGN.engine },
    });
  });

  it("resolves no entity reference of another operator's, nor its aircraft and fleets by customer", async () => {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Fleet { id } ... on Aircraft { id } ... on Engine { id }
      ... on Customer { aircraft { id } fleets { id } }
    } }`;
    const representations = (of: typeof OWN) => [
      { __typename: 'Fleet', id: of.fleet },
      { __typename: 'Aircraft', id: of.aircraft },
      { __typename: 'Engine', id: of.engine },
      { __typename: 'Customer', id: of.operator },
    ];
    const foreign = await run(airline, query, { representations: representations(FOREIGN) });
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data._entities).toEqual([null, null, null, { aircraft: [], fleets: [] }]);

    const own = await run(airline, query, { representations: representations(OWN) });
    expect(own.data._entities).toEqual([
      { id: OWN.fleet },
      { id: OWN.aircraft },
      { id: OWN.engine },
      { aircraft: expect.arrayContaining([{ id: OWN.aircraft }]), fleets: [{ id: OWN.fleet }] },
    ]);
  });

  it("refuses the series of another operator's engine like that of an unknown one", async () => {
    const series = (engine: string) =>
      run(
        airline,
        `{ series(engine: "${engine}", sensor: "T30", from: "${new Date(NOW - 3_600_000).toISOString()}", to: "${new Date(NOW).toISOString()}", buckets: 10) { source } }`,
      );
    const foreign = await series(FOREIGN.engine);
    const missing = await series('eng_9999_1');
    expect(foreign.errors?.[0]?.extensions).toEqual(missing.errors?.[0]?.extensions);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'engine' });
    expect((await series(OWN.engine)).errors).toBeUndefined();
  });

  it("refuses a live subscription to another operator's engine like one to an unknown engine", async () => {
    const readings = (principal: Principal, engine: string) =>
      subscribe({
        schema,
        document: parse(`subscription { sensorReadings(engine: "${engine}", sensors: ["T30"]) { from } }`),
        contextValue: createContext(store, { principal, pubSub }),
      });
    const foreign = (await readings(airline, FOREIGN.engine)) as ExecutionResult;
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'engine' });
    const own = await readings(airline, OWN.engine);
    expect(Symbol.asyncIterator in own).toBe(true);
    await (own as AsyncGenerator).return(undefined);
  });

  it('delivers to an alert subscriber only the alerts of engines it may read', async () => {
    const alerts = (await subscribe({
      schema,
      document: parse('subscription { engineAlerts { engine { id } } }'),
      contextValue: createContext(store, { principal: airline, pubSub }),
    })) as AsyncGenerator<ExecutionResult>;
    const live = createLivePublisher(store, pubSub);
    const next = alerts.next();
    const alert = (engineId: string) => ({
      id: `test:${engineId}`,
      engineId,
      sensor: 'T30',
      kind: 'THRESHOLD' as const,
      severity: 'CRITICAL' as const,
      message: 'hot',
      value: 9_999,
      raisedAt: NOW,
    });
    await live.alerts([alert(FOREIGN.engine)]);
    await live.alerts([alert(OWN.engine)]);
    expect((await next).value).toEqual({ data: { engineAlerts: { engine: { id: OWN.engine } } } });
    await alerts.return(undefined);
  });

  describe('writing readings', () => {
    const mutation = 'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings } }';
    let clock = NOW - 30_000;
    const batch = (engine: string) => ({
      idempotencyKey: `write-${(clock += 1_000)}`,
      engine,
      readings: [{ sensor: 'AUX0001', time: new Date(clock).toISOString(), value: 100 }],
    });
    const newest = async (engine: string) =>
      (await store.newestReadings([engine])).find((head) => head.sensor === 'AUX0001')?.time;

    it("refuses a batch for another operator's engine whole, in the words used for an unknown engine", async () => {
      const before = await newest(FOREIGN.engine);
      const foreign = await run(airline, mutation, { batch: batch(FOREIGN.engine) });
      const missing = await run(airline, mutation, { batch: batch('eng_9999_1') });
      for (const { errors } of [foreign, missing]) {
        expect(errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          argument: 'batch',
          problemCount: 1,
        });
      }
      const problem = (result: typeof foreign, engine: string) => {
        const [first] = result.errors![0]!.extensions.problems as { at: string; message: string }[];
        return { at: first!.at, message: first!.message.replace(engine, '<engine>') };
      };
      expect(problem(foreign, FOREIGN.engine)).toEqual(problem(missing, 'eng_9999_1'));
      expect(await newest(FOREIGN.engine)).toBe(before);
    });

    it('refuses it for the catalog scope, an admin and a partner without an operator too', async () => {
      const before = await newest(FOREIGN.engine);
      for (const principal of [catalog, admin, unlinked]) {
        const { errors } = await run(principal, mutation, { batch: batch(FOREIGN.engine) });
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'batch' });
      }
      expect(await newest(FOREIGN.engine)).toBe(before);
      const { errors } = await run(admin, mutation, { batch: batch(OWN.engine) });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'batch' });
    });

    it("takes the operator's own engines, and any engine from the platform's unsigned tooling", async () => {
      expect((await run(airline, mutation, { batch: batch(OWN.engine) })).data).toEqual({
        ingestReadings: { readings: 1 },
      });
      expect((await run(catalog, mutation, { batch: batch(OWN.engine) })).data).toEqual({
        ingestReadings: { readings: 1 },
      });
      expect((await run(null, mutation, { batch: batch(FOREIGN.engine) })).data).toEqual({
        ingestReadings: { readings: 1 },
      });
      expect(await newest(FOREIGN.engine)).toBe(clock);
    });
  });
});
