import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphql, type GraphQLSchema } from 'graphql';
import { createContext } from '../context';
import { buildMatchesSchema } from '../schema';
import { seedIfEmpty } from '../seed';
import { openMatchesStore, type MatchesStore } from '../store';

/** Wraps a store so the test can count the calls each method gets. */
function counting(store: MatchesStore): { store: MatchesStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property: string) {
      const value = target[property as keyof MatchesStore];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('matches loaders', () => {
  let schema: GraphQLSchema;
  let store: MatchesStore;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matches-'));
    ({ store } = await openMatchesStore({
      location: { dialect: 'sqlite', file: path.join(dir, 'matches.sqlite') },
      seedIfEmpty: (fresh) => seedIfEmpty(fresh, { seed: 1, trackedMatches: 1 }),
    }));
    schema = await buildMatchesSchema();
  });
  afterAll(() => store.close());

  it('loads every team’s squad, and each player’s team, with one store call per entity kind', async () => {
    const { store: counted, calls } = counting(store);
    const result = await graphql({
      schema,
      source: '{ teams { id players { id team { id } } matches { homeTeam { name } awayTeam { name } } } }',
      contextValue: createContext(counted),
    });
    expect(result.errors).toBeUndefined();
    const teams = (result.data as { teams: { id: string; players: { team: { id: string } }[] }[] }).teams;
    expect(teams.length).toBeGreaterThan(1);
    for (const team of teams) {
      expect(team.players.length).toBeGreaterThanOrEqual(11);
      for (const player of team.players) expect(player.team.id).toBe(team.id);
    }
    expect(Object.fromEntries(calls)).toEqual({
      listTeams: 1,
      playersByTeamIds: 1,
      matchesByTeamIds: 1,
      teamsByIds: 1,
    });
  });

  it('resolves entity references from other subgraphs in one batch', async () => {
    const { store: counted, calls } = counting(store);
    const result = await graphql({
      schema,
      source: `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Match { id venue } ... on Customer { broadcasts { id } } }
      }`,
      variableValues: {
        representations: [
          { __typename: 'Match', id: 'match_0001' },
          { __typename: 'Match', id: 'match_0002' },
          { __typename: 'Match', id: 'no_such_match' },
          { __typename: 'Customer', id: 'cus_0001' },
        ],
      },
      contextValue: createContext(counted),
    });
    expect(result.errors).toBeUndefined();
    const entities = (result.data as { _entities: unknown[] })._entities;
    expect(entities[0]).toMatchObject({ id: 'match_0001' });
    expect(entities[1]).toMatchObject({ id: 'match_0002' });
    expect(entities[2]).toBeNull();
    expect(calls.get('matchesByIds')).toBe(1);
  });
});
