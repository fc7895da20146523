/**
 * The matches store: every read and write of match data goes through here, so loaders and resolvers never
 * see SQL. Rows leave it as camel-cased records.
 */
import { openDatabase, pingDatabase, type DatabaseLocation, type OpenedStore } from '@meridian/kit';
import type { Kysely } from 'kysely';
import { writeMatch, type IngestSummary, type MatchWrite } from './ingest';
import { migrations } from './migrations';
import type {
  LineupTable,
  MatchEventTable,
  MatchTable,
  MatchesDatabase,
  PhaseTable,
  PlayerMatchStatsTable,
  PlayerTable,
  TeamTable,
} from './tables';
import {
  readFrameWindow,
  readTrajectories,
  type FrameWindowRecord,
  type TrajectoryKey,
  type TrajectoryRecord,
} from './tracking';

export type { FrameWindowRecord, IngestSummary, TrajectoryRecord };

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface TeamRecord {
  id: string;
  name: string;
  shortName: string;
  city: string;
}

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface PlayerRecord {
  id: string;
  teamId: string;
  name: string;
  shirtNumber: number;
  position: string;
}

export interface MatchRecord {
  id: string;
  kickoff: Date;
  venue: string;
  homeTeamId: string;
  awayTeamId: string;
  homeScore: number;
  awayScore: number;
  broadcasterId: string | null;
  seasonId: string | null;
  pitchLength: number;
  pitchWidth: number;
  frameRate: number;
  source: string;
}

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface CompetitionRecord {
  id: string;
  name: string;
  area: string;
}

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface SeasonRecord {
  id: string;
  competitionId: string;
  name: string;
}

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface PeriodRecord {
  matchId: string;
  period: number;
  startFrame: number;
  endFrame: number;
}

interface MomentRecord {
  period: number;
  time: number;
  frame: number | null;
}

export interface LineupRecord {
  matchId: string;
  playerId: string;
  teamId: string;
  shirtNumber: number;
  role: string;
  starter: boolean;
  slot: number | null;
  cameOn: MomentRecord | null;
  wentOff: MomentRecord | null;
  yellowCards: number | null;
  redCards: number | null;
}

export interface EventRecord {
  id: string;
  matchId: string;
  type: string;
  providerType: string;
  period: number;
  frame: number | null;
  endFrame: number | null;
  time: number;
  teamId: string | null;
  playerId: string | null;
  receiverId: string | null;
  targetId: string | null;
  opponentId: string | null;
  x: number | null;
  y: number | null;
  endX: number | null;
  endY: number | null;
  outcome: string | null;
}

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface PhaseRecord {
  matchId: string;
  index: number;
  period: number;
  startFrame: number;
  endFrame: number;
  teamId: string | null;
  type: string;
}

interface PlayerStatsRecord {
  playerId: string;
  distance: number;
  topSpeed: number;
  sprints: number;
  zoneDistances: number[];
  secondsTracked: number;
}

export interface PlayerMatchStatsRecord extends PlayerStatsRecord {
  matchId: string;
  teamId: string;
}

export interface PlayerSeasonStatsRecord extends PlayerStatsRecord {
  seasonId: string;
  matches: number;
}

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface PossessionRecord {
  matchId: string;
  teamId: string;
  seconds: number;
}

interface MatchFilter {
  readonly seasonId?: string;
  readonly competitionId?: string;
  readonly teamId?: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** Where a page of matches starts: after this match in kick-off order. */
export interface MatchCursor {
  readonly kickoff: string;
  readonly id: string;
}

export interface EventFilter {
  readonly types?: readonly string[];
  readonly playerId?: string;
  readonly teamId?: string;
  readonly period?: number;
  /** Seconds into the period, inclusive. */
  readonly from?: number;
  readonly to?: number;
}

export interface MatchesStore {
  teamsByIds(ids: readonly string[]): Promise<TeamRecord[]>;
  listTeams(): Promise<TeamRecord[]>;
  playersByIds(ids: readonly string[]): Promise<PlayerRecord[]>;
  playersByTeamIds(teamIds: readonly string[]): Promise<PlayerRecord[]>;
  matchesByIds(ids: readonly string[]): Promise<MatchRecord[]>;
  /** Matches played by any of the teams, home or away, in kick-off order. */
  matchesByTeamIds(teamIds: readonly string[]): Promise<MatchRecord[]>;
  matchesByBroadcasterIds(customerIds: readonly string[]): Promise<MatchRecord[]>;
  /** Matches in kick-off order (then id), after the cursor, at most `limit`. */
  listMatches(limit: number, filter?: MatchFilter, after?: MatchCursor | null): Promise<MatchRecord[]>;
  listCompetitions(): Promise<CompetitionRecord[]>;
  competitionsByIds(ids: readonly string[]): Promise<CompetitionRecord[]>;
  seasonsByIds(ids: readonly string[]): Promise<SeasonRecord[]>;
  seasonsByCompetitionIds(ids: readonly string[]): Promise<SeasonRecord[]>;
  periodsByMatchIds(ids: readonly string[]): Promise<PeriodRecord[]>;
  lineupsByMatchIds(ids: readonly string[]): Promise<LineupRecord[]>;
  /** Events of the matches that pass the filter, in match, period and time order. */
  eventsByMatchIds(ids: readonly string[], filter: EventFilter): Promise<EventRecord[]>;
  phasesByMatchIds(ids: readonly string[]): Promise<PhaseRecord[]>;
  /** The stored stats of some players in some matches: one query for any number of pairs. */
  playerMatchStats(keys: readonly { matchId: string; playerId: string }[]): Promise<PlayerMatchStatsRecord[]>;
  /** Stats summed over the matches of a season, from the per-match rollups. */
  playerSeasonStats(
    keys: readonly { playerId: string; seasonId: string }[],
  ): Promise<PlayerSeasonStatsRecord[]>;
  possessionByMatchIds(ids: readonly string[]): Promise<PossessionRecord[]>;
  trajectories(keys: readonly TrajectoryKey[]): Promise<TrajectoryRecord[]>;
  frameWindow(
    matchId: string,
    period: number,
    fromFrame: number,
    toFrame: number,
  ): Promise<FrameWindowRecord | null>;
  /** Writes a match whole, replacing one of the same id; `ingestMatch` (ingest/write.ts) computes its rollups. */
  writeMatch(match: MatchWrite): Promise<IngestSummary>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openMatchesStore(options: {
  location: DatabaseLocation;
  /** Writes the demo data into a fresh store (`seed/`); resolves to whether it did. */
  seedIfEmpty: (store: MatchesStore) => Promise<boolean>;
}): Promise<OpenedStore<MatchesStore>> {
  const { db, seeded } = await openDatabase<MatchesDatabase>({
    location: options.location,
    migrations,
    seedIfEmpty: (fresh) => options.seedIfEmpty(createMatchesStore(fresh)),
  });
  return { store: createMatchesStore(db), seeded };
}

const toTeam = (row: TeamTable): TeamRecord => ({
  id: row.id,
  name: row.name,
  shortName: row.short_name,
  city: row.city,
});

const toPlayer = (row: PlayerTable): PlayerRecord => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  shirtNumber: row.shirt_number,
  position: row.position,
});

const toMatch = (row: MatchTable): MatchRecord => ({
  id: row.id,
  kickoff: new Date(row.kickoff),
  venue: row.venue,
  homeTeamId: row.home_team_id,
  awayTeamId: row.away_team_id,
  homeScore: row.home_score,
  awayScore: row.away_score,
  broadcasterId: row.broadcaster_id,
  seasonId: row.season_id,
  pitchLength: row.pitch_length,
  pitchWidth: row.pitch_width,
  frameRate: row.frame_rate,
  source: row.source,
});

const toMoment = (period: number | null, time: number | null, frame: number | null): MomentRecord | null =>
  period === null || time === null ? null : { period, time, frame };

const toLineup = (row: LineupTable): LineupRecord => ({
  matchId: row.match_id,
  playerId: row.player_id,
  teamId: row.team_id,
  shirtNumber: row.shirt_number,
  role: row.role,
  starter: row.starter === 1,
  slot: row.slot,
  cameOn: toMoment(row.came_on_period, row.came_on_time, row.came_on_frame),
  wentOff: toMoment(row.went_off_period, row.went_off_time, row.went_off_frame),
  yellowCards: row.yellow_cards,
  redCards: row.red_cards,
});

const toEvent = (row: MatchEventTable): EventRecord => ({
  id: row.id,
  matchId: row.match_id,
  type: row.type,
  providerType: row.provider_type,
  period: row.period,
  frame: row.frame,
  endFrame: row.end_frame,
  time: row.time,
  teamId: row.team_id,
  playerId: row.player_id,
  receiverId: row.receiver_id,
  targetId: row.target_id,
  opponentId: row.opponent_id,
  x: row.x,
  y: row.y,
  endX: row.end_x,
  endY: row.end_y,
  outcome: row.outcome,
});

const toPhase = (row: PhaseTable): PhaseRecord => ({
  matchId: row.match_id,
  index: row.index,
  period: row.period,
  startFrame: row.start_frame,
  endFrame: row.end_frame,
  teamId: row.team_id,
  type: row.type,
});

const toPlayerMatchStats = (row: PlayerMatchStatsTable): PlayerMatchStatsRecord => ({
  matchId: row.match_id,
  playerId: row.player_id,
  teamId: row.team_id,
  distance: row.distance,
  topSpeed: row.top_speed,
  sprints: row.sprints,
  zoneDistances: JSON.parse(row.zone_distances) as number[],
  secondsTracked: row.seconds_tracked,
});

function createMatchesStore(db: Kysely<MatchesDatabase>): MatchesStore {
  const teams = () => db.selectFrom('team').selectAll();
  const players = () => db.selectFrom('player').selectAll();
  const matches = () => db.selectFrom('match').selectAll();
  return {
    teamsByIds: async (ids) => (await teams().where('id', 'in', ids).execute()).map(toTeam),
    listTeams: async () => (await teams().orderBy('name').execute()).map(toTeam),
    playersByIds: async (ids) => (await players().where('id', 'in', ids).execute()).map(toPlayer),
    playersByTeamIds: async (teamIds) =>
      (await players().where('team_id', 'in', teamIds).orderBy('shirt_number').execute()).map(toPlayer),
    matchesByIds: async (ids) => (await matches().where('id', 'in', ids).execute()).map(toMatch),
    matchesByTeamIds: async (teamIds) =>
      (
        await matches()
          .where((eb) => eb.or([eb('home_team_id', 'in', teamIds), eb('away_team_id', 'in', teamIds)]))
          .orderBy('kickoff')
          .execute()
      ).map(toMatch),
    matchesByBroadcasterIds: async (customerIds) =>
      (await matches().where('broadcaster_id', 'in', customerIds).orderBy('kickoff').execute()).map(toMatch),
    listMatches: async (limit, filter = {}, after = null) => {
      let query = matches();
      if (filter.seasonId) query = query.where('season_id', '=', filter.seasonId);
      if (filter.competitionId) {
        const competitionId = filter.competitionId;
        query = query.where('season_id', 'in', (eb) =>
          eb.selectFrom('season').select('id').where('competition_id', '=', competitionId),
        );
      }
      if (filter.teamId) {
        const teamId = filter.teamId;
        query = query.where((eb) =>
          eb.or([eb('home_team_id', '=', teamId), eb('away_team_id', '=', teamId)]),
        );
      }
      if (filter.from) query = query.where('kickoff', '>=', filter.from.toISOString());
      if (filter.to) query = query.where('kickoff', '<', filter.to.toISOString());
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb('kickoff', '>', after.kickoff),
            eb.and([eb('kickoff', '=', after.kickoff), eb('id', '>', after.id)]),
          ]),
        );
      }
      return (await query.orderBy('kickoff').orderBy('id').limit(limit).execute()).map(toMatch);
    },
    listCompetitions: async () => db.selectFrom('competition').selectAll().orderBy('name').execute(),
    competitionsByIds: async (ids) =>
      db.selectFrom('competition').selectAll().where('id', 'in', ids).execute(),
    seasonsByIds: async (ids) =>
      (await db.selectFrom('season').selectAll().where('id', 'in', ids).execute()).map((row) => ({
        id: row.id,
        competitionId: row.competition_id,
        name: row.name,
      })),
    seasonsByCompetitionIds: async (ids) =>
      (
        await db.selectFrom('season').selectAll().where('competition_id', 'in', ids).orderBy('name').execute()
      ).map((row) => ({ id: row.id, competitionId: row.competition_id, name: row.name })),
    periodsByMatchIds: async (ids) =>
      (
        await db
          .selectFrom('match_period')
          .selectAll()
          .where('match_id', 'in', ids)
          .orderBy('period')
          .execute()
      ).map((row) => ({
        matchId: row.match_id,
        period: row.period,
        startFrame: row.start_frame,
        endFrame: row.end_frame,
      })),
    lineupsByMatchIds: async (ids) =>
      (
        await db
          .selectFrom('lineup')
          .selectAll()
          .where('match_id', 'in', ids)
          .orderBy('team_id')
          .orderBy('starter', 'desc')
          .orderBy('shirt_number')
          .execute()
      ).map(toLineup),
    eventsByMatchIds: async (ids, filter) => {
      let query = db.selectFrom('match_event').selectAll().where('match_id', 'in', ids);
      if (filter.types && filter.types.length > 0) query = query.where('type', 'in', filter.types);
      if (filter.playerId) query = query.where('player_id', '=', filter.playerId);
      if (filter.teamId) query = query.where('team_id', '=', filter.teamId);
      if (filter.period !== undefined) query = query.where('period', '=', filter.period);
      if (filter.from !== undefined) query = query.where('time', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('time', '<=', filter.to);
      const rows = await query.orderBy('match_id').orderBy('period').orderBy('time').orderBy('id').execute();
      return rows.map(toEvent);
    },
    phasesByMatchIds: async (ids) =>
      (await db.selectFrom('phase').selectAll().where('match_id', 'in', ids).orderBy('index').execute()).map(
        toPhase,
      ),
    playerMatchStats: async (keys) => {
      if (keys.length === 0) return [];
      const wanted = new Set(keys.map((k) => `${k.matchId}\u0000${k.playerId}`));
      const rows = await db
        .selectFrom('player_match_stats')
        .selectAll()
        .where('match_id', 'in', [...new Set(keys.map((k) => k.matchId))])
        .where('player_id', 'in', [...new Set(keys.map((k) => k.playerId))])
        .execute();
      return rows.filter((r) => wanted.has(`${r.match_id}\u0000${r.player_id}`)).map(toPlayerMatchStats);
    },
    playerSeasonStats: async (keys) => {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('player_match_stats as s')
        .innerJoin('match as m', 'm.id', 's.match_id')
        .select([
          's.player_id',
          'm.season_id',
          's.distance',
          's.top_speed',
          's.sprints',
          's.zone_distances',
          's.seconds_tracked',
        ])
        .where('s.player_id', 'in', [...new Set(keys.map((k) => k.playerId))])
        .where('m.season_id', 'in', [...new Set(keys.map((k) => k.seasonId))])
        .execute();
      const totals = new Map<string, PlayerSeasonStatsRecord>();
      for (const row of rows) {
        const key = `${row.player_id}\u0000${row.season_id}`;
        const total = totals.get(key) ?? {
          playerId: row.player_id,
          seasonId: row.season_id as string,
          matches: 0,
          distance: 0,
          topSpeed: 0,
          sprints: 0,
          zoneDistances: [],
          secondsTracked: 0,
        };
        const zones = JSON.parse(row.zone_distances) as number[];
        totals.set(key, {
          ...total,
          matches: total.matches + 1,
          distance: total.distance + row.distance,
          topSpeed: Math.max(total.topSpeed, row.top_speed),
          sprints: total.sprints + row.sprints,
          // Zone by zone, as many zones as the matches stored.
          zoneDistances: Array.from(
            { length: Math.max(total.zoneDistances.length, zones.length) },
            (_, i) => (total.zoneDistances[i] ?? 0) + (zones[i] ?? 0),
          ),
          secondsTracked: total.secondsTracked + row.seconds_tracked,
        });
      }
      return [...totals.values()];
    },
    possessionByMatchIds: async (ids) =>
      (await db.selectFrom('team_possession').selectAll().where('match_id', 'in', ids).execute()).map(
        (row) => ({
          matchId: row.match_id,
          teamId: row.team_id,
          seconds: row.seconds,
        }),
      ),
    trajectories: (keys) => readTrajectories(db, keys),
    frameWindow: (matchId, period, fromFrame, toFrame) =>
      readFrameWindow(db, matchId, period, fromFrame, toFrame),
    writeMatch: (match) => writeMatch(db, match),
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}
