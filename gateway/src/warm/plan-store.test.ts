/**
 * The plan store reached from outside, against the real `@apollo/gateway` behind Apollo Server: if an upgrade
 * renames the gateway's private members or changes the key its executor looks under, these fail.
 */
import fs from 'node:fs';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createLogger } from '@meridian/kit/log';
import { parse } from 'graphql';
import { supergraphForPlanner } from '../auth';
import { DEFAULT_SUPERGRAPH_FILE } from '../config';
import {
  openPlanStore,
  planKey,
  PlanStoreUnavailable,
  queryHashOf,
  type GatewayPlanStore,
} from './plan-store';

const supergraphSdl = supergraphForPlanner(fs.readFileSync(DEFAULT_SUPERGRAPH_FILE, 'utf8'));
const logger = createLogger('plan-store-test', 'silent');

describe("the gateway's plan store", () => {
  let server: ApolloServer;
  let gateway: ApolloGateway;
  let store: GatewayPlanStore;
  /** Plans the executor built for requests, and fetches it sent to subgraphs. */
  let built = 0;
  let fetches = 0;

  beforeAll(async () => {
    const subgraph: GraphQLDataSource = {
      process: async () => {
        fetches += 1;
        return { data: {} };
      },
    };
    gateway = new ApolloGateway({ supergraphSdl, logger, buildService: () => subgraph });
    server = new ApolloServer({ gateway, logger });
    await server.start();
    store = openPlanStore(gateway);
    store.watchBuilds(() => (built += 1));
  });
  afterAll(() => server?.stop());

  it('gives a plan to the executor under the text alone and under each operation name', async () => {
    const text = 'query WarmTeams { teams { name } } query WarmCompetitions { competitions { name } }';
    const teams = store.build(parse(text), 'WarmTeams');
    await store.put(planKey(queryHashOf(text), 'WarmTeams'), teams);
    const single = '{ teams { name city } }';
    await store.put(planKey(queryHashOf(single)), store.build(parse(single), undefined));

    await server.executeOperation({ query: text, operationName: 'WarmTeams' });
    await server.executeOperation({ query: single });
    expect(built).toBe(0);
    expect(fetches).toBe(2);

    // The other operation of the document was not put there: its request plans, and is counted.
    await server.executeOperation({ query: text, operationName: 'WarmCompetitions' });
    expect(built).toBe(1);
  });

  it('counts each plan the executor builds and stores for a request that found none, once', async () => {
    const before = built;
    const text = 'query Fixtures { matches(first: 2) { id homeTeam { name } broadcaster { name } } }';
    expect(await store.has(planKey(queryHashOf(text), 'Fixtures'))).toBe(false);
    await server.executeOperation({ query: text, operationName: 'Fixtures' });
    await server.executeOperation({ query: text, operationName: 'Fixtures' });
    expect(built - before).toBe(1);
    expect(await store.has(planKey(queryHashOf(text), 'Fixtures'))).toBe(true);
    // Without the name it is another key, as for the executor.
    expect(await store.has(planKey(queryHashOf(text)))).toBe(false);
  });

  it('refuses a gateway that keeps its plans elsewhere or has not loaded, naming what it lacks', () => {
    const gatewayWith = (members: object) =>
      Object.assign(Object.create(ApolloGateway.prototype) as ApolloGateway, members);
    const cache = { get: async () => undefined, set: async () => {}, delete: async () => true, clear() {} };
    const renamed = gatewayWith({ queryPlanCache: cache });
    expect(() => openPlanStore(renamed)).toThrow(PlanStoreUnavailable);
    expect(() => openPlanStore(renamed)).toThrow(/queryPlanStore/);
    // Before `load()` a gateway has its store but no planner yet.
    const unloaded = gatewayWith({ queryPlanStore: cache });
    expect(() => openPlanStore(unloaded)).toThrow(/queryPlanner/);
  });
});
