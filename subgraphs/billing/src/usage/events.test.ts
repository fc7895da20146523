import { GraphQLError } from 'graphql';
import {
  MAX_EVENT_BYTES,
  MAX_EVENT_COST,
  MAX_EVENT_DURATION_MS,
  MAX_EVENT_ID_LENGTH,
  MAX_EVENT_SUBSCRIPTION_MESSAGES,
  MAX_USAGE_BATCH,
} from '@meridian/contracts';
import { ALL_SUBGRAPHS, rollUp } from '../store/usage-rollups';
import { parseUsageBatch } from './events';

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
    const { events, rejected } = parseUsageBatch({ events: [event()] });
    expect(rejected).toEqual([]);
    expect(events[0]).toMatchObject({ id: 'evt_1', cost: 12, subgraphs: ['matches', 'billing'] });
    expect(events[0]?.occurredAt.toISOString()).toBe('2026-03-04T10:15:00.000Z');
  });

  it.each([
    [{ cost: -1 }, 'cost'],
    [{ cost: 1.5 }, 'cost'],
    [{ cost: Number.POSITIVE_INFINITY }, 'cost'],
    [{ cost: MAX_EVENT_COST + 1 }, 'cost'],
    [{ bytes: -1 }, 'bytes'],
    [{ bytes: MAX_EVENT_BYTES + 1 }, 'bytes'],
    [{ bytes: '2048' }, 'bytes'],
    [{ durationMs: Number.NaN }, 'durationMs'],
    [{ durationMs: -0.5 }, 'durationMs'],
    [{ durationMs: Number.POSITIVE_INFINITY }, 'durationMs'],
    [{ durationMs: MAX_EVENT_DURATION_MS + 1 }, 'durationMs'],
    [{ subscriptionMessages: MAX_EVENT_SUBSCRIPTION_MESSAGES + 1 }, 'subscriptionMessages'],
    [{ occurredAt: 'yesterday' }, 'occurredAt'],
    [{ outcome: 'meh' }, 'outcome'],
    [{ partnerId: '' }, 'partnerId'],
    [{ subgraphs: 'matches' }, 'subgraphs'],
  ])('refuses only the bad event, naming its field: %p', (overrides, field) => {
    const { events, rejected } = parseUsageBatch({
      events: [event(), event({ id: 'evt_2', ...overrides }), event({ id: 'evt_3', partnerId: 'par_2' })],
    });
    expect(events.map((e) => e.id)).toEqual(['evt_1', 'evt_3']);
    expect(rejected).toEqual([{ index: 1, id: 'evt_2', field, reason: expect.stringContaining(field) }]);
  });

  it('refuses an event without a usable id, or that is no event at all, by its place in the batch', () => {
    const { events, rejected } = parseUsageBatch({
      events: [event({ id: '' }), 42, null, event({ id: 'x'.repeat(MAX_EVENT_ID_LENGTH + 1) }), event()],
    });
    expect(events.map((e) => e.id)).toEqual(['evt_1']);
    expect(rejected.map(({ index, id, field }) => ({ index, id, field }))).toEqual([
      { index: 0, id: null, field: 'id' },
      { index: 1, id: null, field: null },
      { index: 2, id: null, field: null },
      { index: 3, id: null, field: 'id' },
    ]);
  });

  it('takes the largest values an event may carry', () => {
    const { rejected } = parseUsageBatch({
      events: [
        event({
          cost: MAX_EVENT_COST,
          bytes: MAX_EVENT_BYTES,
          durationMs: MAX_EVENT_DURATION_MS,
          subscriptionMessages: MAX_EVENT_SUBSCRIPTION_MESSAGES,
        }),
      ],
    });
    expect(rejected).toEqual([]);
  });

  it.each([[null], [{}], [{ events: 'evt_1' }], [[event()]]])(
    'refuses a body that is not a batch: %p',
    (body) => {
      expect(rejection(body)).toEqual({ code: 'BAD_USER_INPUT', argument: 'events' });
    },
  );

  it('refuses a batch over the limit', () => {
    const events = Array.from({ length: MAX_USAGE_BATCH + 1 }, (_, i) => event({ id: `e${i}` }));
    expect(rejection({ events })).toMatchObject({ argument: 'events', limit: MAX_USAGE_BATCH });
  });
});

describe('rollUp', () => {
  it('adds each event to its hour and day, once per subgraph and once in the totals', () => {
    const { events } = parseUsageBatch({
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

  it('bills only the events the gateway marked billable, and counts every event as a request', () => {
    const { events } = parseUsageBatch({
      events: [
        event(),
        event({
          id: 'evt_refused',
          outcome: 'rejected',
          billable: false,
          status: 429,
          errorCode: 'RATE_LIMITED',
        }),
        event({ id: 'evt_portal', keyId: 'anonymous', billable: false }),
      ],
    });
    const total = rollUp(events).find(
      (row) => row.granularity === 'day' && row.subgraph === ALL_SUBGRAPHS && row.keyId === 'key_1',
    );
    expect(total).toMatchObject({ requests: 2, billed: 1 });
  });

  it('reads an event without the billing fields as billable, and refuses bad ones by name', () => {
    const { events } = parseUsageBatch({ events: [event()] });
    expect(events[0]).toMatchObject({ billable: true, requestId: null, status: null, errorCode: null });
    const { rejected } = parseUsageBatch({
      events: [
        event({ billable: 'no' }),
        event({ requestId: 'x'.repeat(129) }),
        event({ status: 42 }),
        event({ errorCode: 'not a code' }),
      ],
    });
    expect(rejected.map((entry) => entry.field)).toEqual(['billable', 'requestId', 'status', 'errorCode']);
  });
});
