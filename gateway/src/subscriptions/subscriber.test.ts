import type { ExecutionResult } from 'graphql';
import { Subscriber } from './subscriber';

const event = (n: number): ExecutionResult => ({ data: { n } });

function subscriber(droppable: boolean) {
  const ended: Subscriber[] = [];
  let delivered = 0;
  const created = new Subscriber({
    capacity: 3,
    droppable,
    onEnd: (s) => ended.push(s),
    onDelivered: () => (delivered += 1),
  });
  return { created, ended, delivered: () => delivered };
}

async function drain(s: Subscriber, count: number): Promise<ExecutionResult[]> {
  const out: ExecutionResult[] = [];
  for (let i = 0; i < count; i++) {
    const next = await s.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe('a client subscription', () => {
  it('hands over events in order as fast as the client reads', async () => {
    const { created, delivered } = subscriber(false);
    const reading = drain(created, 3);
    for (const n of [1, 2, 3]) created.push(event(n));
    expect((await reading).map((r) => r.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(delivered()).toBe(3);
  });

  it('skips the oldest frames of a droppable stream for a slow client and says how many', async () => {
    const { created, ended } = subscriber(true);
    for (let n = 1; n <= 7; n++) created.push(event(n));
    const got = await drain(created, 3);
    expect(got.map((r) => r.data)).toEqual([{ n: 5 }, { n: 6 }, { n: 7 }]);
    expect(got.every((r) => r.extensions?.skipped === 4)).toBe(true);
    expect(ended).toEqual([]);
  });

  it('ends a stream that must not lose events with SUBSCRIPTION_OVERFLOW when the client falls behind', async () => {
    const { created, ended } = subscriber(false);
    for (let n = 1; n <= 4; n++) created.push(event(n));
    expect(ended).toEqual([created]);
    const [last, after] = [await created.next(), await created.next()];
    expect(last.value?.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_OVERFLOW');
    expect(after.done).toBe(true);
  });

  it('tells its owner once when the client leaves', async () => {
    const { created, ended } = subscriber(true);
    await created.return();
    await created.return();
    expect(ended).toEqual([created]);
  });
});
