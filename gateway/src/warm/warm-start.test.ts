/**
 * Planning operations at start, against a store that records what it is given: which keys each operation goes
 * under, what is skipped, and the limits on operations and time.
 */
import type { QueryPlan } from '@apollo/query-planner';
import { createLogger } from '@meridian/kit/log';
import { buildSchema, type DocumentNode } from 'graphql';
import { planKey, queryHashOf, type GatewayPlanStore } from './plan-store';
import { planOperations, type WarmOperation } from './warm-start';

const schema = buildSchema(`
  type Query { teams: [Team!]! matches: [String!]! }
  type Subscription { scores: Int! }
  type Team { name: String! }
`);
const logger = createLogger('warm-start-test', 'silent');

/** A store that plans instantly (or in `planMs`), keeping the operation name each plan was built for. */
function recordingStore(planMs = 0) {
  const plans = new Map<string, QueryPlan>();
  const builds: (string | undefined)[] = [];
  const store: GatewayPlanStore = {
    has: async (key) => plans.has(key),
    build: (_document: DocumentNode, operationName) => {
      const until = Date.now() + planMs;
      while (Date.now() < until);
      builds.push(operationName);
      return { kind: 'QueryPlan' };
    },
    put: async (key, plan) => void plans.set(key, plan),
    watchBuilds: () => undefined,
  };
  return { store, plans, builds };
}

const safelisted = (...texts: string[]): WarmOperation[] =>
  texts.map((text) => ({ text, source: 'safelist' }));
const unbounded = { maxOperations: 100, budgetMs: 60_000 };

describe('planning operations at start', () => {
  it('puts each operation under every key a request for it can use', async () => {
    const { store, plans, builds } = recordingStore();
    const single = 'query Teams { teams { name } }';
    const anonymous = '{ matches }';
    const two = 'query A { teams { name } } query B { matches }';
    let counted = 0;
    const report = await planOperations(
      store,
      schema,
      safelisted(single, anonymous, two),
      unbounded,
      logger,
      () => {
        counted += 1;
      },
    );
    expect([...plans.keys()].sort()).toEqual(
      [
        planKey(queryHashOf(single)),
        planKey(queryHashOf(single), 'Teams'),
        planKey(queryHashOf(anonymous)),
        planKey(queryHashOf(two), 'A'),
        planKey(queryHashOf(two), 'B'),
      ].sort(),
    );
    expect(builds).toEqual(['Teams', undefined, 'A', 'B']);
    expect(counted).toBe(4);
    expect(report).toMatchObject({ planned: { example: 0, safelist: 3 }, plans: 4, skipped: 0, left: 0 });
  });

  it('skips operations that do not parse or validate, subscriptions, and what is already planned', async () => {
    const { store, builds } = recordingStore();
    const teams = 'query Teams { teams { name } }';
    const operations: WarmOperation[] = [
      { text: teams, source: 'example' },
      ...safelisted('{ teams { ', '{ players { name } }', 'subscription Scores { scores }', teams),
    ];
    const report = await planOperations(store, schema, operations, unbounded, logger, () => undefined);
    expect(builds).toEqual(['Teams']);
    expect(report).toMatchObject({ planned: { example: 1, safelist: 0 }, plans: 1, skipped: 2, left: 0 });
  });

  it('skips an operation the planner refuses and goes on', async () => {
    const { store, builds } = recordingStore();
    const refusing: GatewayPlanStore = {
      ...store,
      build: (document, operationName) => {
        if (operationName === 'Refused') throw new Error('too many selections');
        return store.build(document, operationName);
      },
    };
    const report = await planOperations(
      refusing,
      schema,
      safelisted('query Refused { teams { name } }', 'query Next { matches }'),
      unbounded,
      logger,
      () => undefined,
    );
    expect(builds).toEqual(['Next']);
    expect(report).toMatchObject({ planned: { safelist: 1 }, skipped: 1, left: 0 });
  });

  it('plans at most maxOperations, and stops when the time budget is spent', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `query Op${i} { matches }`);
    const counted = await planOperations(
      recordingStore().store,
      schema,
      safelisted(...texts),
      { maxOperations: 3, budgetMs: 60_000 },
      logger,
      () => undefined,
    );
    expect(counted).toMatchObject({ planned: { safelist: 3 }, left: 7 });

    const timed = await planOperations(
      recordingStore(20).store,
      schema,
      safelisted(...texts),
      { maxOperations: 100, budgetMs: 50 },
      logger,
      () => undefined,
    );
    expect(timed.planned.safelist).toBeGreaterThanOrEqual(1);
    expect(timed.planned.safelist).toBeLessThanOrEqual(4);
    expect(timed.left).toBe(10 - timed.planned.safelist);
  });
});
