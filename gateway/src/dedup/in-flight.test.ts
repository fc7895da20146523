import { InFlight } from './in-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('runs the work once for callers that come while it is in flight, each with its own copy', async () => {
    const inFlight = new InFlight<{ rows: number[] }>();
    const gate = deferred<{ rows: number[] }>();
    let runs = 0;
    const work = () => {
      runs += 1;
      return gate.promise;
    };
    const answers = Promise.all([inFlight.run('k', work), inFlight.run('k', work), inFlight.run('k', work)]);
    expect(inFlight.size).toBe(1);
    gate.resolve({ rows: [1, 2] });
    const [a, b, c] = await answers;
    expect(runs).toBe(1);
    expect([inFlight.ran, inFlight.shared]).toEqual([1, 2]);
    expect(a).toEqual({ rows: [1, 2] });
    a!.rows.push(3);
    expect(b).toEqual({ rows: [1, 2] });
    expect(c).toEqual({ rows: [1, 2] });
    expect(b).not.toBe(c);
  });

  it('runs different keys apart, and the same key again once it settled', async () => {
    const inFlight = new InFlight<string>();
    let runs = 0;
    const work = async () => `run ${(runs += 1)}`;
    expect(await Promise.all([inFlight.run('a', work), inFlight.run('b', work)])).toEqual(['run 1', 'run 2']);
    expect(await inFlight.run('a', work)).toBe('run 3');
    expect(inFlight.size).toBe(0);
  });

  it('gives a failure to every caller that shared the work, and forgets it', async () => {
    const inFlight = new InFlight<string>();
    const gate = deferred<string>();
    const first = inFlight.run('k', () => gate.promise);
    const second = inFlight.run('k', () => gate.promise);
    gate.reject(new Error('subgraph down'));
    await expect(first).rejects.toThrow('subgraph down');
    await expect(second).rejects.toThrow('subgraph down');
    expect(await inFlight.run('k', async () => 'again')).toBe('again');
  });

  it('hands the answer itself to a caller nobody shared with', async () => {
    const inFlight = new InFlight<{ n: number }>();
    const answer = { n: 1 };
    expect(await inFlight.run('k', async () => answer)).toBe(answer);
  });
});
