/**
 * SkillCorner open data: the match sheet (`<id>_match.json`), the tracking (`<id>_tracking_extrapolated.jsonl`,
 * 10 Hz, metres from the centre spot: already our convention), dynamic events (`<id>_dynamic_events.csv`)
 * and phases of play (`<id>_phases_of_play.csv`). Events and phases carry frame numbers of the tracking.
 */
import path from 'node:path';
import { allocatePeriod, PossessionSide, type Tracking, type TrackingPeriod } from '../tracking/model';
import { EventType, type EventInput, type LineupInput, type MatchBundle, type PhaseInput } from './bundle';
import { ImportError } from './errors';
import { FieldReader, readCsv, readJson, readJsonLines } from './files';
import { positionOf } from './roles';

export const SKILLCORNER_FRAME_RATE = 10;
const PREFIX = 'sc';

const EVENT_TYPES: Record<string, EventType> = {
  player_possession: EventType.PLAYER_POSSESSION,
  passing_option: EventType.PASSING_OPTION,
  on_ball_engagement: EventType.ON_BALL_ENGAGEMENT,
  off_ball_run: EventType.OFF_BALL_RUN,
};

export interface SkillCornerFiles {
  readonly match: string;
  readonly tracking?: string;
  readonly events?: string;
  readonly phases?: string;
}

/** Sorts files given in any order by the names SkillCorner gives them. */
export function classifySkillCornerFiles(files: readonly string[]): SkillCornerFiles {
  const find = (test: (name: string) => boolean) => files.find((f) => test(path.basename(f)));
  const match = find((n) => n.endsWith('.json'));
  if (!match) throw new ImportError('(arguments)', null, 'skillcorner needs the match JSON file');
  return {
    match,
    tracking: find((n) => n.endsWith('.jsonl')),
    events: find((n) => n.includes('dynamic_events') && n.endsWith('.csv')),
    phases: find((n) => n.includes('phases_of_play') && n.endsWith('.csv')),
  };
}

interface MatchSheet {
  id: number;
  home_team_score: number;
  away_team_score: number;
  date_time: string;
  stadium?: { name?: string; city?: string } | null;
  home_team: { id: number; name: string; short_name?: string; acronym?: string };
  away_team: { id: number; name: string; short_name?: string; acronym?: string };
  competition_edition?: {
    id: number;
    name: string;
    competition: { id: number; name: string; area?: string };
    season?: { name?: string };
  };
  match_periods?: { period: number; start_frame: number; end_frame: number }[];
  players: {
    id: number;
    team_id: number;
    number: number;
    short_name?: string;
    first_name?: string;
    last_name?: string;
    start_time: string | null;
    player_role?: { name?: string; acronym?: string; position_group?: string | null };
  }[];
  pitch_length?: number;
  pitch_width?: number;
}

const teamId = (id: number | string) => `${PREFIX}_team_${id}`;
const playerId = (id: number | string) => `${PREFIX}_player_${id}`;

export function importSkillCorner(files: SkillCornerFiles): MatchBundle {
  const sheet = readJson(files.match) as MatchSheet;
  const file = path.basename(files.match);
  if (
    typeof sheet?.id !== 'number' ||
    !Array.isArray(sheet.players) ||
    !sheet.home_team ||
    !sheet.away_team
  ) {
    throw new ImportError(file, null, 'not a SkillCorner match sheet (id, players, home_team, away_team)');
  }
  const matchId = `${PREFIX}_match_${sheet.id}`;
  const edition = sheet.competition_edition;
  const competition = edition
    ? {
        id: `${PREFIX}_comp_${edition.competition.id}`,
        name: edition.competition.name,
        area: edition.competition.area ?? '',
      }
    : null;
  const season =
    edition && competition
      ? { id: `${PREFIX}_season_${edition.id}`, competitionId: competition.id, name: edition.name }
      : null;
  const teams = [sheet.home_team, sheet.away_team].map((t) => ({
    id: teamId(t.id),
    name: t.name,
    shortName: t.acronym ?? t.short_name ?? t.name.slice(0, 3).toUpperCase(),
    city: sheet.stadium?.city ?? '',
  }));
  const slotOf = new Map(sheet.players.map((p, index) => [p.id, index]));
  const roleOf = (p: MatchSheet['players'][number]) =>
    p.player_role?.acronym ?? p.player_role?.name ?? p.player_role?.position_group ?? 'Unknown';
  const players = sheet.players.map((p) => ({
    id: playerId(p.id),
    teamId: teamId(p.team_id),
    name: p.short_name ?? [p.first_name, p.last_name].filter(Boolean).join(' '),
    shirtNumber: p.number,
    position: positionOf(p.player_role?.position_group ?? roleOf(p)),
  }));
  const tracking = files.tracking ? readTracking(files.tracking, slotOf) : null;
  const lineup: LineupInput[] = sheet.players.map((p, index) => ({
    playerId: playerId(p.id),
    teamId: teamId(p.team_id),
    shirtNumber: p.number,
    role: roleOf(p),
    starter: p.start_time === '00:00:00',
    slot: tracking ? index : null,
  }));
  const periods =
    sheet.match_periods?.map((p) => ({
      period: p.period,
      startFrame: p.start_frame,
      endFrame: p.end_frame,
    })) ??
    tracking?.periods.map((p) => ({
      period: p.period,
      startFrame: p.frames[0] as number,
      endFrame: p.frames[p.frames.length - 1] as number,
    })) ??
    [];
  const periodStart = new Map(periods.map((p) => [p.period, p.startFrame]));
  return {
    competition,
    season,
    teams,
    players,
    match: {
      id: matchId,
      seasonId: season?.id ?? null,
      kickoff: new Date(sheet.date_time),
      venue: sheet.stadium?.name ?? '',
      homeTeamId: teamId(sheet.home_team.id),
      awayTeamId: teamId(sheet.away_team.id),
      homeScore: sheet.home_team_score,
      awayScore: sheet.away_team_score,
      broadcasterId: null,
      pitchLength: sheet.pitch_length ?? 105,
      pitchWidth: sheet.pitch_width ?? 68,
      frameRate: SKILLCORNER_FRAME_RATE,
      source: 'skillcorner',
    },
    periods,
    lineup,
    tracking,
    events: files.events ? readEvents(files.events, matchId, periodStart) : [],
    phases: files.phases ? readPhases(files.phases) : [],
  };
}

interface RawFrame {
  frame: number;
  timestamp: string | null;
  period: number | null;
  ball_data?: { x: number | null; y: number | null; z: number | null; is_detected: boolean | null };
  possession?: { group: string | null };
  player_data?: { x: number; y: number; player_id: number; is_detected: boolean }[];
}

function readTracking(file: string, slotOf: ReadonlyMap<number, number>): Tracking {
  // Frames before kick-off and between halves have no period; they hold nothing to store.
  const byPeriod = new Map<number, { line: number; frame: RawFrame }[]>();
  for (const { line, value } of readJsonLines(file)) {
    const frame = value as RawFrame;
    const fields = new FieldReader(file, line);
    if (typeof frame !== 'object' || frame === null) fields.fail('not a frame object');
    fields.integer(frame.frame, 'frame');
    if (frame.period === null || frame.period === undefined) continue;
    const period = fields.integer(frame.period, 'period');
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), { line, frame }]);
  }
  const slotCount = slotOf.size;
  const periods: TrackingPeriod[] = [...byPeriod.entries()]
    .sort(([a], [b]) => a - b)
    .map(([period, rows]) => {
      const out = allocatePeriod(period, rows.length, slotCount);
      const first = rows[0]!.frame.frame;
      rows.forEach(({ line, frame }, i) => {
        const fields = new FieldReader(file, line);
        out.frames[i] = frame.frame;
        out.times[i] = frame.timestamp
          ? parseClock(frame.timestamp, fields) - parseClock(rows[0]!.frame.timestamp ?? '0', fields)
          : (frame.frame - first) / SKILLCORNER_FRAME_RATE;
        const ball = frame.ball_data;
        out.ballX[i] = fields.optionalNumber(ball?.x, 'ball_data.x') ?? NaN;
        out.ballY[i] = fields.optionalNumber(ball?.y, 'ball_data.y') ?? NaN;
        out.ballZ[i] = fields.optionalNumber(ball?.z, 'ball_data.z') ?? NaN;
        out.ballDetected[i] = ball?.is_detected ? 1 : 0;
        const group = frame.possession?.group;
        out.possession[i] =
          group === 'home team'
            ? PossessionSide.HOME
            : group === 'away team'
              ? PossessionSide.AWAY
              : PossessionSide.NONE;
        for (const p of frame.player_data ?? []) {
          const slot = slotOf.get(p.player_id);
          if (slot === undefined) return fields.fail(`player_id ${p.player_id} is not in the match sheet`);
          const at = slot * rows.length + i;
          out.x[at] = fields.number(p.x, 'player_data.x');
          out.y[at] = fields.number(p.y, 'player_data.y');
          out.detected[at] = p.is_detected ? 1 : 0;
        }
      });
      return out;
    });
  return { frameRate: SKILLCORNER_FRAME_RATE, slots: [...slotOf.keys()].map(playerId), periods };
}

/** `HH:MM:SS.ss` or `MM:SS.s` to seconds. */
function parseClock(clock: string, fields: FieldReader): number {
  const parts = clock.split(':').map(Number);
  if (parts.length < 2 || parts.some((n) => !Number.isFinite(n))) fields.fail(`not a clock time: ${clock}`);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function readEvents(file: string, matchId: string, periodStart: ReadonlyMap<number, number>): EventInput[] {
  return readCsv(file).map(({ line, row }) => {
    const fields = new FieldReader(file, line);
    if (!row.event_id) fields.fail('event_id is empty');
    const period = fields.integer(row.period, 'period');
    const frame = fields.integer(row.frame_start, 'frame_start');
    const start = periodStart.get(period);
    const type = row.event_type ?? '';
    return {
      id: `${matchId}_${row.event_id}`,
      type: EVENT_TYPES[type] ?? EventType.OTHER,
      providerType: [type, row.event_subtype].filter(Boolean).join(':'),
      period,
      frame,
      endFrame: fields.optionalNumber(row.frame_end, 'frame_end'),
      time:
        start === undefined
          ? parseClock(row.time_start ?? '', fields)
          : (frame - start) / SKILLCORNER_FRAME_RATE,
      teamId: row.team_id ? teamId(row.team_id) : null,
      playerId: row.player_id ? playerId(row.player_id) : null,
      receiverId: row.player_targeted_id ? playerId(row.player_targeted_id) : null,
      x: fields.optionalNumber(row.x_start, 'x_start'),
      y: fields.optionalNumber(row.y_start, 'y_start'),
      endX: fields.optionalNumber(row.x_end, 'x_end'),
      endY: fields.optionalNumber(row.y_end, 'y_end'),
      outcome: row.pass_outcome || row.end_type || null,
    };
  });
}

function readPhases(file: string): PhaseInput[] {
  return readCsv(file).map(({ line, row }) => {
    const fields = new FieldReader(file, line);
    return {
      index: fields.integer(row.index, 'index'),
      period: fields.integer(row.period, 'period'),
      startFrame: fields.integer(row.frame_start, 'frame_start'),
      endFrame: fields.integer(row.frame_end, 'frame_end'),
      teamId: row.team_in_possession_id ? teamId(row.team_in_possession_id) : null,
      type: row.team_in_possession_phase_type || 'unknown',
    };
  });
}
