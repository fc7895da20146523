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
  season_id: string | null;
  pitch_length: number;
  pitch_width: number;
  frame_rate: number;
  source: string;
}

interface CompetitionTable {
  id: string;
  name: string;
  area: string;
}

interface SeasonTable {
  id: string;
  competition_id: string;
  name: string;
}

interface MatchPeriodTable {
  match_id: string;
  period: number;
  start_frame: number;
  end_frame: number;
}

export interface LineupTable {
  match_id: string;
  player_id: string;
  team_id: string;
  shirt_number: number;
  role: string;
  /** 1 for a starter, 0 for a substitute. */
  starter: number;
  slot: number | null;
  came_on_period: number | null;
  came_on_time: number | null;
  came_on_frame: number | null;
  went_off_period: number | null;
  went_off_time: number | null;
  went_off_frame: number | null;
  yellow_cards: number | null;
  red_cards: number | null;
}

export interface FrameChunkTable {
  match_id: string;
  slot: number;
  period: number;
  chunk: number;
  start_frame: number;
  end_frame: number;
  frame_count: number;
  data: Uint8Array;
}

export interface MatchEventTable {
  id: string;
  match_id: string;
  type: string;
  provider_type: string;
  period: number;
  frame: number | null;
  end_frame: number | null;
  time: number;
  team_id: string | null;
  player_id: string | null;
  receiver_id: string | null;
  target_id: string | null;
  opponent_id: string | null;
  x: number | null;
  y: number | null;
  end_x: number | null;
  end_y: number | null;
  outcome: string | null;
}

export interface PhaseTable {
  match_id: string;
  index: number;
  period: number;
  start_frame: number;
  end_frame: number;
  team_id: string | null;
  type: string;
}

export interface PlayerMatchStatsTable {
  match_id: string;
  player_id: string;
  team_id: string;
  distance: number;
  top_speed: number;
  sprints: number;
  /** JSON array of metres per speed zone. */
  zone_distances: string;
  seconds_tracked: number;
}

interface TeamPossessionTable {
  match_id: string;
  team_id: string;
  seconds: number;
}

export interface MatchesDatabase {
  team: TeamTable;
  player: PlayerTable;
  match: MatchTable;
  competition: CompetitionTable;
  season: SeasonTable;
  match_period: MatchPeriodTable;
  lineup: LineupTable;
  frame_chunk: FrameChunkTable;
  match_event: MatchEventTable;
  phase: PhaseTable;
  player_match_stats: PlayerMatchStatsTable;
  team_possession: TeamPossessionTable;
}
