import { AnswerCache, type CachedResponse } from './store';

function response(subgraphs: string[], overrides: Partial<CachedResponse> = {}): CachedResponse {
  return {
    json: '{"fleet":[]}',
    storedAt: Date.now(),
    maxAge: 30,
    shared: false,
    ageAtStoreMs: 0,
    subgraphs,
    ...overrides,
  };
}

function liveCache() {
  const cache = new AnswerCache(1_000_000);
  cache.setLive('telemetry', true);
  cache.setLive('billing', true);
  return cache;
}

describe('whole responses', () => {
  it('are dropped when any subgraph they were made of announces a change', () => {
    const cache = liveCache();
    cache.setResponse('r', response(['telemetry', 'billing']), cache.snapshot());
    expect(cache.getResponse('r')).toBeDefined();
    cache.invalidate('billing', false);
    expect(cache.getResponse('r')).toBeUndefined();
  });

  it('are not stored when a subgraph announced a change while the request ran', () => {
    const cache = liveCache();
    const before = cache.snapshot();
    cache.invalidate('telemetry', false);
    cache.setResponse('r', response(['telemetry']), before);
    expect(cache.getResponse('r')).toBeUndefined();
  });

  it('are not stored or served while a subgraph they were made of is not followed', () => {
    const cache = liveCache();
    cache.setResponse('r', response(['matches']), cache.snapshot());
    expect(cache.getResponse('r')).toBeUndefined();
    cache.setResponse('s', response(['telemetry']), cache.snapshot());
    cache.setLive('telemetry', false);
    expect(cache.getResponse('s')).toBeUndefined();
  });

  it('live no longer than their oldest part had left', async () => {
    const cache = liveCache();
    cache.setResponse('r', response(['telemetry'], { maxAge: 1, ageAtStoreMs: 900 }), cache.snapshot());
    expect(cache.getResponse('r')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(cache.getResponse('r')).toBeUndefined();
    cache.setResponse('s', response(['telemetry'], { maxAge: 1, ageAtStoreMs: 1_000 }), cache.snapshot());
    expect(cache.getResponse('s')).toBeUndefined();
  });

  it('are never mistaken for a single answer, nor the other way round', () => {
    const cache = liveCache();
    cache.setResponse('r', response(['telemetry']), cache.snapshot());
    expect(cache.get('telemetry', 'r', false)).toBeUndefined();
    cache.set(
      'telemetry',
      'a',
      { json: '{}', storedAt: Date.now(), maxAge: 30, shared: false },
      cache.generationOf('telemetry', false),
    );
    expect(cache.getResponse('a')).toBeUndefined();
  });
});
