import { createGroupLoader, createRowLoader } from './loaders';

describe('loaders', () => {
  it('answers in key order with null for a missing key, in one batch', async () => {
    const calls: (readonly string[])[] = [];
    const loader = createRowLoader(
      async (ids: readonly string[]) => {
        calls.push(ids);
        return [{ id: 'b' }, { id: 'a' }];
      },
      (row) => row.id,
    );
    const result = await Promise.all(['a', 'missing', 'b'].map((id) => loader.load(id)));
    expect(result).toEqual([{ id: 'a' }, null, { id: 'b' }]);
    expect(calls).toEqual([['a', 'missing', 'b']]);
  });

  it('groups rows under their key and gives an empty list to keys without rows', async () => {
    const loader = createGroupLoader(
      async () => [
        { team: 't1', name: 'x' },
        { team: 't2', name: 'y' },
        { team: 't1', name: 'z' },
      ],
      (row) => row.team,
    );
    const [t1, t2, t3] = await loader.loadMany(['t1', 't2', 't3']);
    expect(t1).toEqual([
      { team: 't1', name: 'x' },
      { team: 't1', name: 'z' },
    ]);
    expect(t2).toEqual([{ team: 't2', name: 'y' }]);
    expect(t3).toEqual([]);
  });
});
