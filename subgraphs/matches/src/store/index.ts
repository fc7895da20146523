/**
 * The matches store: every read and write of match data goes through here, so loaders and resolvers never
 * see SQL. Rows leave it as camel-cased records.
 */
import { openDatabase, pingDatabase, type DatabaseLocation, type OpenedStore } from '@meridian/kit';
import type { Kysely } from 'kysely';
import { migrations } from './migrations';
import { seedIfEmpty } from './seed';
import type { MatchTable, MatchesDatabase, PlayerTable, TeamTable } from './tables';

export interface TeamRecord {
  id: string;
  name: string;
  shortName: string;
  city: string;
}

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
  listMatches(limit: number): Promise<MatchRecord[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openMatchesStore(options: {
  location: DatabaseLocation;
  seed: number;
}): Promise<OpenedStore<MatchesStore>> {
  const { db, seeded } = await openDatabase<MatchesDatabase>({
    location: options.location,
    migrations,
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, options.seed),
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
});

export function createMatchesStore(db: Kysely<MatchesDatabase>): MatchesStore {
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
    listMatches: async (limit) =>
      (await matches().orderBy('kickoff').orderBy('id').limit(limit).execute()).map(toMatch),
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}
