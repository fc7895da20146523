/** Telemetry through the gateway: a billing operator with its fleet's aircraft, engines, health and alerts. */
import { post, startTestStack, type TestStack } from '../support/platform';

interface Operator {
  name: string;
  industry: string;
  aircraft: {
    registration: string;
    operator: { name: string };
    engines: {
      id: string;
      health: { index: number; trend: number } | null;
      remainingLife: { cycles: number; lower: number; upper: number } | null;
      alerts: { kind: string; severity: string; raisedAt: string }[];
    }[];
  }[];
  fleets: { id: string; attention: { engine: { id: string }; reasons: string[] }[] }[];
}

const OPERATORS_QUERY = `{
  customers {
    name industry
    aircraft {
      registration operator { name }
      engines { id health { index trend } remainingLife { cycles lower upper } alerts(first: 3) { kind severity raisedAt } }
    }
    fleets { id attention(first: 10) { engine { id } reasons } }
  }
}`;

describe('telemetry through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('returns operators (billing) with its aircraft, engines, health and latest alerts in one query', async () => {
    const { status, body } = await post<{ customers: Operator[] }>(stack.graphqlUrl, {
      query: OPERATORS_QUERY,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const operators = body.data!.customers.filter((c) => c.industry === 'AVIATION');
    expect(operators.length).toBeGreaterThan(0);
    const all: Operator['aircraft'][number]['engines'] = [];
    for (const operator of operators) {
      expect(operator.aircraft.length).toBeGreaterThan(0);
      const engines = operator.aircraft.flatMap((a) => a.engines);
      expect(engines.length).toBe(operator.aircraft.length * 2);
      for (const aircraft of operator.aircraft) expect(aircraft.operator.name).toBe(operator.name);
      // The attention list of an operator's fleet names only that operator's engines.
      const own = new Set(engines.map((e) => e.id));
      for (const item of operator.fleets.flatMap((f) => f.attention))
        expect(own.has(item.engine.id)).toBe(true);
      all.push(...engines);
    }
    for (const engine of all) {
      expect(engine.health!.index).toBeGreaterThanOrEqual(0);
      expect(engine.health!.index).toBeLessThanOrEqual(1);
      expect(engine.remainingLife!.lower).toBeLessThanOrEqual(engine.remainingLife!.upper);
      const times = engine.alerts.map((a) => Date.parse(a.raisedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    // The demo engines degrade: some are near the end of their life and have alerts.
    expect(all.some((e) => e.alerts.length > 0)).toBe(true);
  });

  it('passes a series request with too many buckets back as BAD_USER_INPUT naming the argument', async () => {
    const { body } = await post(stack.graphqlUrl, {
      query: `{ series(engine: "eng_0001_1", sensor: "T30", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", buckets: 5001) { source } }`,
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'buckets' });
    expect(body.errors?.[0]?.message).toContain('5000');
  });
});
