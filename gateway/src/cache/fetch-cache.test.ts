import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Principal } from '@meridian/kit/principal';
import { FetchCache, hintOf, type CacheHint, type Fetched, type SubgraphResponse } from './fetch-cache';
import { AnswerCache } from './store';

const alpha: Principal = { partnerId: 'ptn_alpha', customerId: 'cus_0004', scopes: ['telemetry:read'] };
const bravo: Principal = { partnerId: 'ptn_bravo', customerId: 'cus_0005', scopes: ['telemetry:read'] };

const ENTITIES =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on Team{name}}}';

function fetchOf(query: string, variables: Record<string, unknown> = {}): GraphQLDataSourceProcessOptions {
  return { request: { query, variables } } as unknown as GraphQLDataSourceProcessOptions;
}

/** A subgraph that answers each root fetch with who asked, and each entity with its id, counting calls. */
function subgraph(hint: CacheHint | undefined) {
  const calls: GraphQLDataSourceProcessOptions[] = [];
  let asker = '';
  return {
    calls,
    as(principal: Principal) {
      asker = principal.partnerId ?? 'anonymous';
      return this;
    },
    send: async (options: GraphQLDataSourceProcessOptions): Promise<Fetched> => {
      calls.push(options);
      const representations = options.request.variables?.representations as { id: string }[] | undefined;
      const data = representations
        ? { _entities: representations.map((r) => ({ name: `team ${r.id}` })) }
        : { fleet: [{ id: `fleet of ${asker}` }] };
      return { response: { data }, hint };
    },
  };
}

function liveCache(maxBytes = 1_000_000) {
  const store = new AnswerCache(maxBytes);
  store.setLive('telemetry', true);
  return store;
}

describe('reading Cache-Control', () => {
  it.each([
    ['max-age=60, public', { maxAge: 60, scope: 'PUBLIC' }],
    ['max-age=5, private', { maxAge: 5, scope: 'PRIVATE' }],
    ['max-age=5', { maxAge: 5, scope: 'PRIVATE' }],
    ['no-store', undefined],
    ['max-age=0, public', undefined],
    ['max-age=60, no-cache', undefined],
    [null, undefined],
    ['max-age=-3, public', undefined],
  ])('%s', (header, hint) => {
    expect(hintOf(header)).toEqual(hint);
  });
});

describe('caching root fetches', () => {
  it("keeps a private answer per caller: another partner's identical fetch calls the subgraph", async () => {
    const store = liveCache();
    const cache = new FetchCache('telemetry', store);
    const source = subgraph({ maxAge: 30, scope: 'PRIVATE' });
    const fetch = fetchOf('{fleet{id}}');

    const first = await cache.fetch(fetch, alpha, source.as(alpha).send);
    const again = await cache.fetch(fetch, alpha, source.as(alpha).send);
    const other = await cache.fetch(fetch, bravo, source.as(bravo).send);

    expect(source.calls).toHaveLength(2);
    expect(again.response).toEqual(first.response);
    expect(again.ageMs).toBeGreaterThanOrEqual(0);
    expect(first.ageMs).toBeUndefined();
    expect(other.response.data).toEqual({ fleet: [{ id: 'fleet of ptn_bravo' }] });
  });

  it('shares a public answer with every caller', async () => {
    const cache = new FetchCache('telemetry', liveCache());
    const source = subgraph({ maxAge: 3600, scope: 'PUBLIC' });
    await cache.fetch(fetchOf('{teams{name}}'), alpha, source.send);
    const other = await cache.fetch(fetchOf('{teams{name}}'), bravo, source.send);
    expect(source.calls).toHaveLength(1);
    expect(other.hint).toEqual({ maxAge: 3600, scope: 'PUBLIC' });
  });

  it("never answers one subgraph's fetch with another's answer to the same query", async () => {
    const store = liveCache();
    store.setLive('matches', true);
    const source = subgraph({ maxAge: 60, scope: 'PUBLIC' });
    await new FetchCache('telemetry', store).fetch(fetchOf('{x}'), alpha, source.send);
    await new FetchCache('matches', store).fetch(fetchOf('{x}'), alpha, source.send);
    expect(source.calls).toHaveLength(2);
  });

  it('keys by variables', async () => {
    const cache = new FetchCache('telemetry', liveCache());
    const source = subgraph({ maxAge: 60, scope: 'PUBLIC' });
    await cache.fetch(fetchOf('query($id:ID!){team(id:$id){name}}', { id: '1' }), alpha, source.send);
    await cache.fetch(fetchOf('query($id:ID!){team(id:$id){name}}', { id: '2' }), alpha, source.send);
    expect(source.calls).toHaveLength(2);
  });

  it('caches nothing without a hint, with errors, or while the subgraph feed is down', async () => {
    const store = liveCache();
    const cache = new FetchCache('telemetry', store);
    const uncacheable = subgraph(undefined);
    await cache.fetch(fetchOf('{a}'), alpha, uncacheable.send);
    await cache.fetch(fetchOf('{a}'), alpha, uncacheable.send);
    expect(uncacheable.calls).toHaveLength(2);

    const failing = async (): Promise<Fetched> => ({
      response: { data: { a: null }, errors: [{ message: 'boom' }] },
      hint: { maxAge: 60, scope: 'PUBLIC' },
    });
    await cache.fetch(fetchOf('{b}'), alpha, failing);
    expect(store.size).toBe(0);

    store.setLive('telemetry', false);
    const source = subgraph({ maxAge: 60, scope: 'PUBLIC' });
    await cache.fetch(fetchOf('{c}'), alpha, source.send);
    await cache.fetch(fetchOf('{c}'), alpha, source.send);
    expect(source.calls).toHaveLength(2);
  });

  it('drops answers when the subgraph announces a change, and never stores one fetched across it', async () => {
    const store = liveCache();
    const cache = new FetchCache('telemetry', store);
    const source = subgraph({ maxAge: 60, scope: 'PRIVATE' });
    await cache.fetch(fetchOf('{fleet{id}}'), alpha, source.send);
    store.invalidate('telemetry', false);
    await cache.fetch(fetchOf('{fleet{id}}'), alpha, source.send);
    expect(source.calls).toHaveLength(2);

    // A change announced while the fetch is on its way: its answer may be older than the change.
    await cache.fetch(fetchOf('{other}'), alpha, async (options) => {
      const fetched = await source.send(options);
      store.invalidate('telemetry', false);
      return fetched;
    });
    await cache.fetch(fetchOf('{other}'), alpha, source.send);
    expect(source.calls).toHaveLength(4);
  });

  it('keeps a public answer through a private-only change, and drops it on a shared one', async () => {
    const store = liveCache();
    const cache = new FetchCache('telemetry', store);
    const source = subgraph({ maxAge: 60, scope: 'PUBLIC' });
    await cache.fetch(fetchOf('{sensors{id}}'), alpha, source.send);
    store.invalidate('telemetry', false);
    await cache.fetch(fetchOf('{sensors{id}}'), alpha, source.send);
    expect(source.calls).toHaveLength(1);
    store.invalidate('telemetry', true);
    await cache.fetch(fetchOf('{sensors{id}}'), alpha, source.send);
    expect(source.calls).toHaveLength(2);
  });

  it('forgets an answer once its max-age has passed', async () => {
    let now = 1_000_000;
    const store = liveCache();
    const cache = new FetchCache('telemetry', store, () => now);
    const source = subgraph({ maxAge: 1, scope: 'PUBLIC' });
    await cache.fetch(fetchOf('{x}'), alpha, source.send);
    now += 500;
    expect((await cache.fetch(fetchOf('{x}'), alpha, source.send)).ageMs).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await cache.fetch(fetchOf('{x}'), alpha, source.send);
    expect(source.calls).toHaveLength(2);
  });
});

describe('caching entities one by one', () => {
  it('fetches only the entities it does not hold, and answers in the order asked', async () => {
    const cache = new FetchCache('telemetry', liveCache());
    const source = subgraph({ maxAge: 60, scope: 'PUBLIC' });
    const teams = (...ids: string[]) =>
      fetchOf(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Team', id })) });

    await cache.fetch(teams('1', '2'), alpha, source.send);
    const mixed = await cache.fetch(teams('3', '2', '1', '4'), bravo, source.send);

    expect(source.calls).toHaveLength(2);
    expect(source.calls[1]!.request.variables?.representations).toEqual([
      { __typename: 'Team', id: '3' },
      { __typename: 'Team', id: '4' },
    ]);
    expect(mixed.response.data).toEqual({
      _entities: [{ name: 'team 3' }, { name: 'team 2' }, { name: 'team 1' }, { name: 'team 4' }],
    });
    expect(mixed.ageMs).toBeGreaterThanOrEqual(0);

    const all = await cache.fetch(teams('4', '1'), alpha, source.send);
    expect(source.calls).toHaveLength(2);
    expect(all.response.data).toEqual({ _entities: [{ name: 'team 4' }, { name: 'team 1' }] });
  });

  it('points the errors of the entities it fetched at their place in the whole fetch', async () => {
    const cache = new FetchCache('telemetry', liveCache());
    const source = subgraph({ maxAge: 60, scope: 'PUBLIC' });
    const representations = (...ids: string[]) => ({
      representations: ids.map((id) => ({ __typename: 'Team', id })),
    });
    await cache.fetch(fetchOf(ENTITIES, representations('1')), alpha, source.send);
    const answer = await cache.fetch<SubgraphResponse>(
      fetchOf(ENTITIES, representations('1', '2')),
      alpha,
      async () => ({
        response: { data: { _entities: [null] }, errors: [{ message: 'no team 2', path: ['_entities', 0] }] },
        hint: undefined,
      }),
    );
    expect(answer.response.errors).toEqual([{ message: 'no team 2', path: ['_entities', 1] }]);
    expect(answer.response.data).toEqual({ _entities: [{ name: 'team 1' }, null] });
    expect(answer.hint).toBeUndefined();
  });
});

describe('the bound', () => {
  it('holds no more bytes than it is given, however much is stored', async () => {
    const store = liveCache(200_000);
    const cache = new FetchCache('telemetry', store);
    const big = async (): Promise<Fetched> => ({
      response: { data: { blob: 'x'.repeat(1_000) } },
      hint: { maxAge: 60, scope: 'PUBLIC' },
    });
    for (let i = 0; i < 1_000; i += 1) await cache.fetch(fetchOf(`{blob${i}}`), alpha, big);
    expect(store.bytes).toBeLessThanOrEqual(200_000);
    expect(store.size).toBeGreaterThan(50);
    expect(store.size).toBeLessThan(1_000);
  });
});
