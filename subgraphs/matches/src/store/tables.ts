/** Row types of the matches store, as Kysely sees them. */
export interface TeamTable {
  id: string;
  name: string;
  short_name: string;
  city: string;
}

export interface PlayerTable {
  id: string;
  team_id: string;
  name: string;
  shirt_number: number;
  position: string;
}

export interface MatchTable {
  id: string;
  kickoff: string;
  venue: string;
  home_team_id: string;
  away_team_id: string;
  home_score: number;
  away_score: number;
  broadcaster_id: string | null;
}

export interface MatchesDatabase {
  team: TeamTable;
  player: PlayerTable;
  match: MatchTable;
}
