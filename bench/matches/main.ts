/**
 * Match tracking benchmarks: ingest of a generated full match, one player's trajectory, stats for the 22
 * players of a match, one player's stats over a season, bytes per stored position, the ingest's peak RSS,
 * and publish → receive latency of live frames to 500 subscribers.
 * Run with `npm run bench -w @meridian/matches`. Figures vary with load on the machine (2 shared cores):
 * compare the ratios printed in one run rather than figures across runs.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphql } from 'graphql';
import {
  buildMatchesSchema,
  createContext,
  generateMatch,
  ingestMatch,
  openMatchesStore,
  positionCount,
  seedIfEmpty,
} from '@meridian/matches';
import { benchLive } from './live';

/** Matches one team plays in a 20-team, 380-match season: all the matches one player's season stats read. */
const SEASON_MATCHES = Number(process.env.BENCH_SEASON_MATCHES ?? 38);
const REPEATS = 15;

const squad = (teamId: string) =>
  [
    'GOALKEEPER',
    ...Array(6).fill('DEFENDER'),
    ...Array(6).fill('MIDFIELDER'),
    ...Array(4).fill('FORWARD'),
  ].map((position: string, i) => ({
    id: `${teamId}_p${i + 1}`,
    teamId,
    name: `Player ${i + 1}`,
    shirtNumber: i + 1,
    position,
  }));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const line = (label: string, value: string, goal = '') =>
  console.log(`${label.padEnd(44)} ${value.padStart(14)}  ${goal}`);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matches-bench-'));
  const file = path.join(dir, 'matches.sqlite');
  const { store } = await openMatchesStore({
    location: { dialect: 'sqlite', file },
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, { seed: 1, trackedMatches: 0 }),
  });
  const teams = Array.from({ length: 20 }, (_, i) => ({
    id: `bench_team_${i + 1}`,
    name: `Team ${i + 1}`,
    shortName: `T${i + 1}`,
    city: 'Bench',
  }));
  const bundleFor = (index: number, home: number, away: number) => {
    const homeSquad = squad(teams[home]!.id);
    const awaySquad = squad(teams[away]!.id);
    const generated = generateMatch({
      matchId: `bench_match_${index}`,
      seed: 100 + index,
      home: { teamId: teams[home]!.id, squad: homeSquad },
      away: { teamId: teams[away]!.id, squad: awaySquad },
    });
    return {
      competition: { id: 'bench_comp', name: 'Bench League', area: 'INT' },
      season: { id: 'bench_season', competitionId: 'bench_comp', name: 'Bench season' },
      teams: [teams[home]!, teams[away]!],
      players: [...homeSquad, ...awaySquad],
      match: {
        id: `bench_match_${index}`,
        seasonId: 'bench_season',
        kickoff: new Date(Date.UTC(2026, 7, 1) + index * 86_400_000),
        venue: 'Bench Park',
        homeTeamId: teams[home]!.id,
        awayTeamId: teams[away]!.id,
        homeScore: generated.homeScore,
        awayScore: generated.awayScore,
        broadcasterId: null,
        pitchLength: 105,
        pitchWidth: 68,
        frameRate: generated.tracking.frameRate,
        source: 'generated',
      },
      periods: generated.periods,
      lineup: generated.lineup,
      tracking: generated.tracking,
      events: generated.events,
      phases: generated.phases,
    };
  };

  console.log(
    `matches benchmarks, node ${process.version}, ${os.cpus().length} cores (shared; expect noise)\n`,
  );
  const generation = await timed(() => bundleFor(0, 0, 1));
  const bundle = generation.value;
  const positions = positionCount(bundle.tracking);
  line('generate a full match (10 Hz)', `${generation.ms.toFixed(0)} ms`);
  const rssBefore = process.memoryUsage().rss;
  const ingest = await timed(() => ingestMatch(store, bundle));
  const rssPeak = process.resourceUsage().maxRSS * 1024;
  line(
    `ingest a full match (${(positions / 1e6).toFixed(2)} M positions)`,
    `${ingest.ms.toFixed(0)} ms`,
    'goal <= 1000 ms',
  );
  line('  positions per second', `${(((positions / ingest.ms) * 1000) / 1e6).toFixed(2)} M/s`);
  line(
    'stored tracking bytes per position',
    `${(ingest.value.chunkBytes / positions).toFixed(2)} B`,
    'raw float32 x,y = 8 B',
  );
  line(
    'peak RSS of the process (after ingest)',
    `${(rssPeak / 1e6).toFixed(0)} MB`,
    `(${(rssBefore / 1e6).toFixed(0)} MB before ingest)`,
  );

  const slot = bundle.lineup[6]!.slot!;
  const trajectoryTimes: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    trajectoryTimes.push((await timed(() => store.trajectories([{ matchId: bundle.match.id, slot }]))).ms);
  }
  line(
    'one player full-match trajectory (store)',
    `${median(trajectoryTimes).toFixed(2)} ms`,
    'goal <= 10 ms',
  );

  const schema = await buildMatchesSchema();
  const statsQuery = `{ match(id: "${bundle.match.id}") { playerStats { distance topSpeed sprints speedZones { distance } } } }`;
  const statsTimes: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const run = await timed(() =>
      graphql({ schema, source: statsQuery, contextValue: createContext(store) }),
    );
    if (run.value.errors) throw new Error(run.value.errors[0]!.message);
    statsTimes.push(run.ms);
  }
  line('stats of 22 players, one match (GraphQL)', `${median(statsTimes).toFixed(2)} ms`, 'goal <= 50 ms');
  const heatmapQuery = `{ match(id: "${bundle.match.id}") { playerStats { heatmap(columns: 21, rows: 14) { counts } } } }`;
  const heatmapTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    heatmapTimes.push(
      (await timed(() => graphql({ schema, source: heatmapQuery, contextValue: createContext(store) }))).ms,
    );
  }
  line('heatmaps of 22 players from raw frames', `${median(heatmapTimes).toFixed(2)} ms`);

  const seasonIngest = await timed(async () => {
    for (let i = 1; i < SEASON_MATCHES; i++) await ingestMatch(store, bundleFor(i, 0, 1 + (i % 19)));
  });
  line(
    `generate + ingest ${SEASON_MATCHES - 1} more matches of team 1`,
    `${(seasonIngest.ms / 1000).toFixed(1)} s`,
  );
  const playerId = bundle.lineup[6]!.playerId;
  const seasonQuery = `{ player(id: "${playerId}") { seasonStats(seasonId: "bench_season") { matches distance topSpeed sprints } } }`;
  const seasonTimes: number[] = [];
  let matches = 0;
  for (let i = 0; i < REPEATS; i++) {
    const run = await timed(() =>
      graphql({ schema, source: seasonQuery, contextValue: createContext(store) }),
    );
    matches = (run.value.data as { player: { seasonStats: { matches: number } } }).player.seasonStats.matches;
    seasonTimes.push(run.ms);
  }
  line(
    `one player's season stats (${matches} matches, rollups)`,
    `${median(seasonTimes).toFixed(2)} ms`,
    'goal <= 2000 ms',
  );
  line('ratio: trajectory read / ingest', `${(median(trajectoryTimes) / ingest.ms).toFixed(4)}`);
  line(
    'database file size',
    `${(fs.statSync(file).size / 1e6).toFixed(1)} MB`,
    `for ${SEASON_MATCHES} matches`,
  );
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await benchLive(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
