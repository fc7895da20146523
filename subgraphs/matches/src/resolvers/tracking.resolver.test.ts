import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DatabaseLocation } from '@meridian/kit';
import { graphql, type GraphQLSchema } from 'graphql';
import pg from 'pg';
import { createContext } from '../context';
import { buildMatchesSchema } from '../schema';
import { seedIfEmpty } from '../seed';
import { openMatchesStore, type MatchesStore } from '../store';
import { MAX_PLAYER_SPEED } from '../generate/players';

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

/** Generating and storing a whole match takes about a second alone, several on a busy machine. */
const SEED_TIMEOUT_MS = 60_000;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL is not set: the tracking tests run on SQLite only');
/** A schema of its own per run, so parallel runs on one PostgreSQL never meet. */
const postgresSchema = `test_matches_${randomBytes(4).toString('hex')}`;
const locations: [string, () => DatabaseLocation][] = [
  [
    'SQLite',
    () => ({
      dialect: 'sqlite',
      file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'matches-')), 'm.sqlite'),
    }),
  ],
  ...(databaseUrl
    ? [
        [
          'PostgreSQL',
          (): DatabaseLocation => ({ dialect: 'postgres', url: databaseUrl, schema: postgresSchema }),
        ] as [string, () => DatabaseLocation],
      ]
    : []),
];

describe.each(locations)('tracking, events and stats of a generated match on %s', (engine, location) => {
  let schema: GraphQLSchema;
  let store: MatchesStore;
  const run = async (source: string, target: MatchesStore = store) =>
    graphql({ schema, source, contextValue: createContext(target) });

  beforeAll(async () => {
    ({ store } = await openMatchesStore({
      location: location(),
      seedIfEmpty: (fresh) => seedIfEmpty(fresh, { seed: 3, trackedMatches: 1 }),
    }));
    schema = await buildMatchesSchema();
  }, SEED_TIMEOUT_MS);
  afterAll(async () => {
    await store.close();
    if (engine !== 'PostgreSQL') return;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${postgresSchema}" cascade`);
    await client.end();
  });

  it('gives stats for all 22 players of a match with one store call, and their heatmaps with one more', async () => {
    const { store: counted, calls } = counting(store);
    const result = await run(
      `{ match(id: "match_0001") { lineup { player { name } stats { distance topSpeed sprints
           speedZones { zone distance } heatmap(columns: 10, rows: 5) { counts } } } } }`,
      counted,
    );
    expect(result.errors).toBeUndefined();
    type Entry = {
      stats: {
        distance: number;
        topSpeed: number;
        sprints: number;
        speedZones: { distance: number }[];
        heatmap: { counts: number[] };
      };
    };
    const lineup = (result.data as { match: { lineup: Entry[] } }).match.lineup;
    expect(lineup).toHaveLength(22);
    for (const { stats } of lineup) {
      expect(stats.distance).toBeGreaterThan(3000);
      expect(stats.distance).toBeLessThan(16000);
      expect(stats.topSpeed).toBeLessThanOrEqual(MAX_PLAYER_SPEED + 0.01);
      const zones = stats.speedZones.reduce((sum, z) => sum + z.distance, 0);
      expect(zones).toBeCloseTo(stats.distance, -1);
      expect(stats.heatmap.counts).toHaveLength(50);
    }
    expect(calls.get('playerMatchStats')).toBe(1);
    expect(calls.get('trajectories')).toBe(1);
    expect(calls.get('lineupsByMatchIds')).toBe(1);
  });

  it('downsamples a window of frames to the interval asked for', async () => {
    const result = await run(
      `{ match(id: "match_0001") { frameRate frames(period: 1, from: 60, to: 70, every: 0.5) { frame time ball { x y } players { playerId x y } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const frames = (
      result.data as { match: { frames: { frame: number; time: number; players: unknown[] }[] } }
    ).match.frames;
    expect(frames).toHaveLength(21);
    expect(frames[0]!.time).toBeCloseTo(60, 3);
    expect(frames[1]!.time).toBeCloseTo(60.5, 3);
    expect(frames[1]!.frame - frames[0]!.frame).toBe(5);
    for (const frame of frames) expect(frame.players).toHaveLength(22);
  });

  it('returns a trajectory whose steps stay under the speed limit', async () => {
    const lineup = await run(`{ match(id: "match_0001") { lineup { player { id } } } }`);
    const playerId = (lineup.data as { match: { lineup: { player: { id: string } }[] } }).match.lineup[5]!
      .player.id;
    const result = await run(
      `{ match(id: "match_0001") { trajectory(playerId: "${playerId}") { frames times x y periods } } }`,
    );
    expect(result.errors).toBeUndefined();
    const t = (result.data as { match: { trajectory: Record<string, number[]> } }).match.trajectory;
    expect(t.frames!.length).toBeGreaterThan(50_000);
    for (let i = 1; i < t.frames!.length; i++) {
      if (t.periods![i] !== t.periods![i - 1]) continue;
      const speed =
        Math.hypot(t.x![i]! - t.x![i - 1]!, t.y![i]! - t.y![i - 1]!) / (t.times![i]! - t.times![i - 1]!);
      expect(speed).toBeLessThan(MAX_PLAYER_SPEED + 0.2);
    }
  });

  it('filters events by type and time, and each pass starts where the ball is', async () => {
    const result = await run(
      `{ match(id: "match_0001") { events(types: [PASS], period: 1, from: 0, to: 600) { type time frame x y }
         frames(period: 1, from: 0, to: 600) { frame ball { x y } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const { events, frames } = (
      result.data as {
        match: {
          events: { type: string; time: number; frame: number; x: number; y: number }[];
          frames: { frame: number; ball: { x: number; y: number } }[];
        };
      }
    ).match;
    expect(events.length).toBeGreaterThan(20);
    const byFrame = new Map(frames.map((f) => [f.frame, f.ball]));
    for (const event of events) {
      expect(event.type).toBe('PASS');
      expect(event.time).toBeLessThanOrEqual(600);
      const ball = byFrame.get(event.frame)!;
      expect(Math.hypot(ball.x - event.x, ball.y - event.y)).toBeLessThan(1.5);
    }
  });

  it('splits possession between the two teams', async () => {
    const result = await run(`{ match(id: "match_0001") { possession { share team { id } } } }`);
    const shares = (result.data as { match: { possession: { share: number }[] } }).match.possession;
    expect(shares).toHaveLength(2);
    expect(shares[0]!.share + shares[1]!.share).toBeCloseTo(1, 5);
  });

  it('sums a player’s season from the per-match rollups', async () => {
    const lineup = await run(`{ match(id: "match_0001") { lineup { player { id } stats { distance } } } }`);
    const entry = (
      lineup.data as { match: { lineup: { player: { id: string }; stats: { distance: number } }[] } }
    ).match.lineup[3]!;
    const result = await run(
      `{ player(id: "${entry.player.id}") { seasonStats(seasonId: "season_2026") { matches distance } } }`,
    );
    expect(result.data).toEqual({
      player: { seasonStats: { matches: 1, distance: entry.stats.distance } },
    });
  });

  it.each([
    ['frames(from: 100, to: 50)', 'to'],
    ['frames(from: 0, to: 5000)', 'to'],
    ['frames(from: 0, to: 10, every: 0.01)', 'every'],
    ['events(first: 0) { id }', 'first'],
    ['lineup { stats { heatmap(columns: 0) { counts } } }', 'columns'],
  ])('rejects %s with BAD_USER_INPUT naming %s', async (field, argument) => {
    const selection = field.includes('{') ? field : `${field} { frame }`;
    const result = await run(`{ match(id: "match_0001") { ${selection} } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(result.errors?.[0]?.extensions?.limit).toEqual(expect.any(Number));
  });

  it('answers null for unknown matches and players', async () => {
    const result = await run(
      `{ match(id: "nope") { id } known: match(id: "match_0001") { trajectory(playerId: "nope") { frames } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ match: null, known: { trajectory: null } });
  });

  it('pages through matches with cursors and filters', async () => {
    const page = async (after: string | null) =>
      (
        await run(
          `{ matchConnection(first: 3${after ? `, after: "${after}"` : ''}, filter: { seasonId: "season_2026" }) {
             edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        )
      ).data as {
        matchConnection: {
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { matchConnection } = await page(after);
      ids.push(...matchConnection.edges.map((e) => e.node.id));
      if (!matchConnection.pageInfo.hasNextPage) break;
      after = matchConnection.pageInfo.endCursor;
    }
    const all = (await run('{ matches(first: 100) { id } }')).data as { matches: { id: string }[] };
    expect(ids).toEqual(all.matches.map((m) => m.id));
    expect(new Set(ids).size).toBe(8);
    const bad = await run('{ matchConnection(after: "not-a-cursor") { pageInfo { hasNextPage } } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});
