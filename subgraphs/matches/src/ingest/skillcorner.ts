/**
 * SkillCorner open data: the match sheet (`<id>_match.json`), the tracking (`<id>_tracking_extrapolated.jsonl`,
 * 10 Hz, metres from the centre spot: already our convention), dynamic events (`<id>_dynamic_events.csv`)
 * and phases of play (`<id>_phases_of_play.csv`). Events and phases carry frame numbers of the tracking.
 *
 * Each field keeps the provider's meaning:
 * - a player's line comes from his role in the match (`player_role.name`, then its acronym); the role's
 *   `position_group` only when the role names none ("Other" holds goalkeepers and substitutes alike);
 * - an event's time is the provider's `time_start` (a match clock: the second period starts at 45:00), which
 *   for an on-ball engagement is `frame_physical_start`, when the defender set off, not `frame_start`;
 * - `player_targeted_id` is the receiver only of a completed pass (`pass_outcome` successful), the target of
 *   every pass, and the opponent (the ball carrier) of an on-ball engagement;
 * - event coordinates are given with the event's team attacking towards +x (`attacking_side` says which way
 *   it really attacked); they are turned into the tracking's frame, where `left_to_right` is +x;
 * - substitutions come from the match sheet's `start_time` / `end_time` and `playing_time.by_period`, cards
 *   from its `yellow_card` / `red_card` counts. The sheet gives no time for a card: only a player who left
 *   the pitch with a red card has one, a sending-off at his `end_time`.
 */
import path from 'node:path';
import { allocatePeriod, PossessionSide, type Tracking, type TrackingPeriod } from '../tracking/model';
import {
  EventType,
  type EventInput,
  type LineupInput,
  type MatchBundle,
  type MomentInput,
  type PhaseInput,
} from './bundle';
import { ImportError } from './errors';
import { FieldReader, readCsv, readJson, readJsonLines } from './files';
import { positionOf } from './roles';

const SKILLCORNER_FRAME_RATE = 10;
const PREFIX = 'sc';

/** Where each period's match clock starts, in minutes: `time_start` 45:02.8 is 2.8 s into period 2. */
const PERIOD_CLOCK_START_MINUTES: Record<number, number> = { 1: 0, 2: 45, 3: 90, 4: 105, 5: 120 };

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
    /** Match clock `HH:MM:SS` when the player came on (`00:00:00` for a starter), null if he never did. */
    start_time: string | null;
    /** Match clock when he left the pitch, null if he played to the end. */
    end_time?: string | null;
    yellow_card?: number;
    red_card?: number;
    player_role?: { name?: string; acronym?: string; position_group?: string | null };
    playing_time?: {
      by_period?: { name: string; start_frame: number; end_frame: number }[] | null;
    } | null;
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
    position: lineOf(p.player_role),
  }));
  const tracking = files.tracking ? readTracking(files.tracking, slotOf) : null;
  const sheetFields = new FieldReader(files.match, null);
  const changes = sheet.players.map((p) => substitutionsOf(p, sheetFields));
  const lineup: LineupInput[] = sheet.players.map((p, index) => ({
    playerId: playerId(p.id),
    teamId: teamId(p.team_id),
    shirtNumber: p.number,
    role: roleOf(p),
    starter: p.start_time === STARTER_CLOCK,
    slot: tracking ? index : null,
    cameOn: changes[index]!.cameOn,
    wentOff: changes[index]!.wentOff,
    yellowCards: p.yellow_card ?? null,
    redCards: p.red_card ?? null,
  }));
  const sheetEvents = sheet.players.flatMap((p, index) => matchSheetEvents(matchId, p, changes[index]!));
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
    events: [...(files.events ? readEvents(files.events, matchId) : []), ...sheetEvents],
    phases: files.phases ? readPhases(files.phases) : [],
  };
}

type SheetPlayer = MatchSheet['players'][number];

const STARTER_CLOCK = '00:00:00';

/** The line a match role names: the role itself first, its position group only when the role names none. */
function lineOf(role: SheetPlayer['player_role']): string {
  for (const name of [role?.name, role?.acronym, role?.position_group]) {
    const line = name ? positionOf(name) : 'UNKNOWN';
    if (line !== 'UNKNOWN') return line;
  }
  return 'UNKNOWN';
}

/** Seconds since the start of the period from a match clock (`MM:SS.s` or `HH:MM:SS`). */
function periodTime(clock: string, field: string, period: number, fields: FieldReader): number {
  const start = PERIOD_CLOCK_START_MINUTES[period];
  if (start === undefined) fields.fail(`period ${period} has no known match clock`);
  return Math.round((parseClock(clock, fields, field) - start * 60) * 1000) / 1000;
}

/** `period_2` → 2. */
function periodNumber(name: string, fields: FieldReader): number {
  const match = /^period_(\d+)$/.exec(name);
  if (!match) fields.fail(`playing_time.by_period name is not period_<n>: ${name}`);
  return Number(match[1]);
}

interface SheetChanges {
  readonly cameOn: MomentInput | null;
  readonly wentOff: MomentInput | null;
}

/**
 * When a player came on and went off, from the sheet's clock times; the period and frame from
 * `playing_time.by_period` (his first spell starts when he came on, his last ends when he went off). A sheet
 * without `playing_time` gives no period, and the clock alone cannot tell added time of the first half from
 * the second: the moments are then left out.
 */
function substitutionsOf(p: SheetPlayer, fields: FieldReader): SheetChanges {
  const spells = p.playing_time?.by_period ?? [];
  const first = spells[0];
  const last = spells[spells.length - 1];
  const moment = (clock: string, field: string, spell: { name: string }, frame: number): MomentInput => {
    const period = periodNumber(spell.name, fields);
    return { period, time: periodTime(clock, field, period, fields), frame };
  };
  return {
    cameOn:
      p.start_time && p.start_time !== STARTER_CLOCK && first
        ? moment(p.start_time, 'start_time', first, first.start_frame)
        : null,
    wentOff: p.end_time && last ? moment(p.end_time, 'end_time', last, last.end_frame) : null,
  };
}

/** A substitute coming on, a player going off (a sending-off when the sheet counts a red card). */
function matchSheetEvents(matchId: string, p: SheetPlayer, changes: SheetChanges): EventInput[] {
  const event = (
    id: string,
    type: EventType,
    providerType: string,
    at: MomentInput,
    outcome: string | null = null,
  ): EventInput => ({
    id: `${matchId}_${id}_${p.id}`,
    type,
    providerType,
    period: at.period,
    frame: at.frame,
    endFrame: null,
    time: at.time,
    teamId: teamId(p.team_id),
    playerId: playerId(p.id),
    receiverId: null,
    targetId: null,
    opponentId: null,
    x: null,
    y: null,
    endX: null,
    endY: null,
    outcome,
  });
  const events: EventInput[] = [];
  if (changes.cameOn) events.push(event('on', EventType.SUBSTITUTION, 'substitution:on', changes.cameOn));
  if (changes.wentOff) {
    events.push(
      (p.red_card ?? 0) > 0
        ? event('sent_off', EventType.CARD, 'red_card', changes.wentOff, 'RED')
        : event('off', EventType.SUBSTITUTION, 'substitution:off', changes.wentOff),
    );
  }
  return events;
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
          ? parseClock(frame.timestamp, fields, 'timestamp') -
            parseClock(rows[0]!.frame.timestamp ?? '0', fields, 'timestamp')
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
function parseClock(clock: string, fields: FieldReader, field: string): number {
  const parts = clock.split(':').map(Number);
  if (parts.length < 2 || parts.some((n) => !Number.isFinite(n))) {
    fields.fail(`${field} is not a clock time: ${JSON.stringify(clock)}`);
  }
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function readEvents(file: string, matchId: string): EventInput[] {
  return readCsv(file).map(({ line, row }) => {
    const fields = new FieldReader(file, line);
    if (!row.event_id) fields.fail('event_id is empty');
    const period = fields.integer(row.period, 'period');
    const type = row.event_type ?? '';
    const targeted = row.player_targeted_id
      ? playerId(fields.integer(row.player_targeted_id, 'player_targeted_id'))
      : null;
    const pass = type === 'player_possession' && row.end_type === 'pass';
    // Coordinates come with the event's team attacking +x; the tracking's frame turns them when it attacked -x.
    const side = row.attacking_side;
    if (side !== 'left_to_right' && side !== 'right_to_left') {
      fields.fail(`attacking_side is neither left_to_right nor right_to_left: ${JSON.stringify(side)}`);
    }
    const turn = side === 'right_to_left' ? -1 : 1;
    const coordinate = (value: string | undefined, name: string) => {
      const parsed = fields.optionalNumber(value, name);
      return parsed === null || parsed === 0 ? parsed : turn * parsed;
    };
    return {
      id: `${matchId}_${row.event_id}`,
      type: EVENT_TYPES[type] ?? EventType.OTHER,
      providerType: [type, row.event_subtype].filter(Boolean).join(':'),
      period,
      frame: fields.integer(row.frame_start, 'frame_start'),
      endFrame: fields.optionalNumber(row.frame_end, 'frame_end'),
      time: periodTime(row.time_start ?? '', 'time_start', period, fields),
      teamId: row.team_id ? teamId(row.team_id) : null,
      playerId: row.player_id ? playerId(row.player_id) : null,
      receiverId: pass && row.pass_outcome === 'successful' ? targeted : null,
      targetId: pass ? targeted : null,
      opponentId: type === 'on_ball_engagement' ? targeted : null,
      x: coordinate(row.x_start, 'x_start'),
      y: coordinate(row.y_start, 'y_start'),
      endX: coordinate(row.x_end, 'x_end'),
      endY: coordinate(row.y_end, 'y_end'),
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
