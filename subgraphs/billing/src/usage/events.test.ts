import { GraphQLError } from 'graphql';
import { ALL_SUBGRAPHS, bucketOf, MAX_USAGE_BATCH, parseUsageBatch, rollUp } from './events';

const event = (overrides: Record<string, unknown> = {}) => ({
  id: 'evt_1',
  occurredAt: '2026-03-04T10:15:00.000Z',
  partnerId: 'par_1',
  keyId: 'key_1',
  operation: 'LiveMatch',
  subgraphs: ['matches', 'billing'],
  cost: 12,
  durationMs: 8.5,
  outcome: 'ok',
  bytes: 2048,
  subscriptionMessages: 0,
  ...overrides,
});

function rejection(input: unknown): Record<string, unknown> {
  try {
    parseUsageBatch(input);
  } catch (error) {
    if (error instanceof GraphQLError) return error.extensions;
    throw error;
  }
  throw new Error('the batch was accepted');
}

describe('parseUsageBatch', () => {
  it('accepts well-formed events', () => {
    const [parsed] = parseUsageBatch({ events: [event()] });
    expect(parsed).toMatchObject({ id: 'evt_1', cost: 12, subgraphs: ['matches', 'billing'] });
    expect(parsed?.occurredAt.toISOString()).toBe('2026-03-04T10:15:00.000Z');
  });

  it.each([
    [{ cost: -1 }, 'events[1].cost'],
    [{ cost: 1.5 }, 'events[1].cost'],
    [{ occurredAt: 'yesterday' }, 'events[1].occurredAt'],
    [{ outcome: 'meh' }, 'events[1].outcome'],
    [{ id: '' }, 'events[1].id'],
    [{ subgraphs: 'matches' }, 'events[1].subgraphs'],
    [{ durationMs: Number.NaN }, 'events[1].durationMs'],
  ])('names the bad field of the bad event: %j', (overrides, argument) => {
    expect(rejection({ events: [event(), event(overrides)] })).toEqual({ code: 'BAD_USER_INPUT', argument });
  });

  it('refuses a batch over the limit', () => {
    const events = Array.from({ length: MAX_USAGE_BATCH + 1 }, (_, i) => event({ id: `e${i}` }));
    expect(rejection({ events })).toMatchObject({ argument: 'events', limit: MAX_USAGE_BATCH });
  });
});

describe('rollUp', () => {
  it('adds each event to its hour and day, once per subgraph and once in the totals', () => {
    const events = parseUsageBatch({
      events: [
        event(),
        event({ id: 'evt_2', occurredAt: '2026-03-04T10:59:59.999Z', outcome: 'error', cost: 3 }),
        event({ id: 'evt_3', occurredAt: '2026-03-04T11:00:00.000Z', subgraphs: ['telemetry'] }),
      ],
    });
    const rows = rollUp(events);
    const find = (granularity: string, bucket: string, subgraph: string) =>
      rows.find(
        (row) => row.granularity === granularity && row.bucket === bucket && row.subgraph === subgraph,
      );
    expect(find('hour', '2026-03-04T10:00:00.000Z', ALL_SUBGRAPHS)).toMatchObject({
      requests: 2,
      errors: 1,
      cost: 15,
    });
    expect(find('hour', '2026-03-04T10:00:00.000Z', 'matches')?.requests).toBe(2);
    expect(find('hour', '2026-03-04T11:00:00.000Z', 'telemetry')?.requests).toBe(1);
    expect(find('day', '2026-03-04T00:00:00.000Z', ALL_SUBGRAPHS)?.requests).toBe(3);
    expect(find('day', '2026-03-04T00:00:00.000Z', 'matches')?.requests).toBe(2);
  });

  it('buckets by UTC hour and day', () => {
    expect(bucketOf(new Date('2026-03-04T23:59:59.999Z'), 'day')).toBe('2026-03-04T00:00:00.000Z');
    expect(bucketOf(new Date('2026-03-04T23:59:59.999Z'), 'hour')).toBe('2026-03-04T23:00:00.000Z');
  });
});
