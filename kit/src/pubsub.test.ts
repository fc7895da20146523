import { redisSerializer } from './pubsub';

describe('the pub/sub payloads crossing Redis', () => {
  it('keeps typed arrays, their type and their values, beside plain JSON', () => {
    const stats = Float64Array.from([1, -0.5, Number.MAX_VALUE, 1e-300, 42]);
    // A view into a larger buffer, at an offset: only its own bytes cross.
    const ends = new Uint32Array(new ArrayBuffer(32), 8, 3);
    ends.set([3, 7, 4_000_000_000]);
    const back = redisSerializer.parse(
      redisSerializer.stringify({
        engineId: 'e1',
        sensors: ['T30', 'T50'],
        ends,
        stats,
        nested: [{ stats }],
      }),
    ) as {
      engineId: string;
      sensors: string[];
      ends: Uint32Array;
      stats: Float64Array;
      nested: { stats: Float64Array }[];
    };
    expect(back.engineId).toBe('e1');
    expect(back.sensors).toEqual(['T30', 'T50']);
    expect(back.ends).toBeInstanceOf(Uint32Array);
    expect([...back.ends]).toEqual([3, 7, 4_000_000_000]);
    expect(back.stats).toBeInstanceOf(Float64Array);
    expect([...back.stats]).toEqual([...stats]);
    expect([...back.nested[0]!.stats]).toEqual([...stats]);
  });

  it('leaves an object that only looks encoded (a type it does not know, bytes that are no whole elements) as it is', () => {
    const lookalike = { $typed: 'BigInt64Array', base64: 'AAAA' };
    expect(redisSerializer.parse(redisSerializer.stringify({ lookalike }))).toEqual({ lookalike });
    // Three bytes are no whole Float64: left as they came rather than thrown on.
    const broken = { $typed: 'Float64Array', base64: 'AAAA' };
    expect(redisSerializer.parse(JSON.stringify({ broken }))).toEqual({ broken });
  });
});
