/**
 * Metrica Sports sample data: events (`*_RawEventsData.csv`) and tracking (`*_RawTrackingData_Home_Team.csv`,
 * `…_Away_Team.csv`, or any CSV in that layout: three header rows, then period, frame, time and an x,y pair per
 * player, the ball last). Metrica plays at 25 fps with anonymised teams and players ("Home", "Player11").
 *
 * Metrica coordinates are fractions of the pitch from the top-left corner (y downwards); they become metres
 * from the centre spot (y upwards) on a 105 × 68 m pitch, the size Metrica's metadata gives.
 *
 * Metrica's clock (`Start Time [s]`) runs from kick-off through both halves; an event's time is taken from the
 * first frame of its period (the earliest of the period's tracking rows and events: a period opens with its
 * kick-off). A Metrica PASS is a completed pass (a failed one is a BALL LOST), so `To` is its receiver. The
 * data is anonymised and names no roles: players' lines are UNKNOWN.
 */
import path from 'node:path';
import { allocatePeriod, type TrackingPeriod } from '../tracking/model';
import { EventType, type EventInput, type MatchBundle, type PlayerInput } from './bundle';
import { ImportError } from './errors';
import { FieldReader, readCsv, readCsvRows } from './files';

const METRICA_FRAME_RATE = 25;
const PITCH = { length: 105, width: 68 };
const PREFIX = 'metrica';

const EVENT_TYPES: Record<string, EventType> = {
  PASS: EventType.PASS,
  SHOT: EventType.SHOT,
  'SET PIECE': EventType.SET_PIECE,
  RECOVERY: EventType.RECOVERY,
  'BALL LOST': EventType.BALL_LOST,
  'BALL OUT': EventType.BALL_OUT,
  CHALLENGE: EventType.CHALLENGE,
  'FAULT RECEIVED': EventType.FOUL,
  CARD: EventType.CARD,
  CARRY: EventType.CARRY,
};

export interface MetricaFiles {
  readonly events?: string;
  /** Tracking files, one per team. */
  readonly tracking: readonly string[];
}

export function classifyMetricaFiles(files: readonly string[]): MetricaFiles {
  const events = files.find((f) => /events/i.test(path.basename(f)));
  const tracking = files.filter((f) => f !== events);
  if (!events && tracking.length === 0) {
    throw new ImportError('(arguments)', null, 'metrica needs an events CSV and/or tracking CSVs');
  }
  return { events, tracking };
}

/** Game name from a file name: `Sample_Game_1_RawEventsData.csv` → `sample_game_1`. */
function gameOf(file: string): string {
  const name = path.basename(file, path.extname(file));
  return (name.match(/^(.*?)_Raw/)?.[1] ?? name).toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

const toX = (fraction: number) => (fraction - 0.5) * PITCH.length;
const toY = (fraction: number) => (0.5 - fraction) * PITCH.width;

export function importMetrica(files: MetricaFiles): MatchBundle {
  const game = gameOf(files.events ?? files.tracking[0]!);
  const matchId = `${PREFIX}_${game}`;
  const teamId = (team: string) => `${matchId}_${team.toLowerCase()}`;
  const playerId = (team: string, player: string) => `${teamId(team)}_${player.toLowerCase()}`;
  const players = new Map<string, PlayerInput>();
  const addPlayer = (team: string, name: string, shirt: number) => {
    const id = playerId(team, name);
    if (!players.has(id)) {
      players.set(id, { id, teamId: teamId(team), name, shirtNumber: shirt, position: 'UNKNOWN' });
    }
    return id;
  };
  const shirtOf = (name: string) => Number(name.replace(/\D/g, '')) || 0;

  const tracks = files.tracking.map((file) => readTrackingFile(file));
  const slots: string[] = [];
  for (const track of tracks) {
    for (const name of track.players) slots.push(addPlayer(track.team, name, shirtOf(name)));
  }
  const tracking = tracks.length > 0 ? mergeTracking(tracks, slots.length) : null;
  const rows = files.events ? readCsv(files.events) : [];
  // Each period's first frame and its clock time: the earliest tracking row or event of the period.
  const periodStart = new Map<number, { frame: number; time: number }>();
  const seeStart = (period: number, frame: number, time: number) => {
    const known = periodStart.get(period);
    if (!known || frame < known.frame) periodStart.set(period, { frame, time });
  };
  for (const p of tracking?.periods ?? []) seeStart(p.period, p.frames[0]!, p.startTime);

  const events: (EventInput & { seconds: number })[] = [];
  if (files.events) {
    for (const { line, row } of rows) {
      const fields = new FieldReader(files.events, line);
      const team = row.Team ?? '';
      if (team !== 'Home' && team !== 'Away')
        fields.fail(`Team is neither Home nor Away: ${JSON.stringify(team)}`);
      const period = fields.integer(row.Period, 'Period');
      const frame = fields.integer(row['Start Frame'], 'Start Frame');
      const seconds = fields.number(row['Start Time [s]'], 'Start Time [s]');
      seeStart(period, frame, seconds);
      const type = EVENT_TYPES[row.Type ?? ''] ?? EventType.OTHER;
      const from = row.From ? addPlayer(team, row.From, shirtOf(row.From)) : null;
      const to = row.To ? addPlayer(team, row.To, shirtOf(row.To)) : null;
      const coordinate = (value: string | undefined, name: string, convert: (n: number) => number) => {
        const parsed = fields.optionalNumber(value, name);
        return parsed === null ? null : Math.round(convert(parsed) * 100) / 100;
      };
      events.push({
        id: `${matchId}_e${line}`,
        type,
        providerType: [row.Type, row.Subtype].filter(Boolean).join(':'),
        period,
        frame,
        endFrame: fields.optionalNumber(row['End Frame'], 'End Frame'),
        seconds,
        time: 0,
        teamId: teamId(team),
        playerId: from,
        receiverId: type === EventType.PASS ? to : null,
        targetId: type === EventType.PASS ? to : null,
        opponentId: null,
        x: coordinate(row['Start X'], 'Start X', toX),
        y: coordinate(row['Start Y'], 'Start Y', toY),
        endX: coordinate(row['End X'], 'End X', toX),
        endY: coordinate(row['End Y'], 'End Y', toY),
        outcome: row.Subtype || null,
      });
    }
  }
  // Metrica's clock runs from kick-off through both halves; the API's restarts each period.
  const timed: EventInput[] = events.map(({ seconds, ...event }) => ({
    ...event,
    time: Math.round((seconds - periodStart.get(event.period)!.time) * 1000) / 1000,
  }));
  const cards = (playerId: string, colour: string) =>
    timed.filter((e) => e.type === EventType.CARD && e.playerId === playerId && e.outcome === colour).length;
  const periods = [...periodStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([period, start]) => {
      const tracked = tracking?.periods.find((p) => p.period === period)?.frames ?? [];
      const frames = timed
        .filter((e) => e.period === period)
        .flatMap((e) => [e.frame!, e.endFrame ?? e.frame!]);
      return { period, startFrame: start.frame, endFrame: Math.max(...frames, ...tracked) };
    });
  const goals = (team: string) =>
    timed.filter(
      (e) => e.type === EventType.SHOT && e.teamId === teamId(team) && /GOAL/.test(e.outcome ?? ''),
    ).length;
  return {
    competition: null,
    season: null,
    teams: ['Home', 'Away'].map((team) => ({
      id: teamId(team),
      name: `${game} ${team}`,
      shortName: team.slice(0, 3).toUpperCase(),
      city: '',
    })),
    players: [...players.values()],
    match: {
      id: matchId,
      seasonId: null,
      // The anonymised sample data has no date.
      kickoff: new Date(0),
      venue: '',
      homeTeamId: teamId('Home'),
      awayTeamId: teamId('Away'),
      homeScore: goals('Home'),
      awayScore: goals('Away'),
      broadcasterId: null,
      pitchLength: PITCH.length,
      pitchWidth: PITCH.width,
      frameRate: METRICA_FRAME_RATE,
      source: 'metrica',
    },
    periods,
    lineup: [...players.values()].map((p) => ({
      playerId: p.id,
      teamId: p.teamId,
      shirtNumber: p.shirtNumber,
      role: 'Unknown',
      starter: false,
      slot: slots.includes(p.id) ? slots.indexOf(p.id) : null,
      // The event data names no substitutions; its cards are complete.
      cameOn: null,
      wentOff: null,
      yellowCards: files.events ? cards(p.id, 'YELLOW') : null,
      redCards: files.events ? cards(p.id, 'RED') : null,
    })),
    tracking: tracking ? { frameRate: tracking.frameRate, slots, periods: tracking.periods } : null,
    events: timed,
    phases: [],
  };
}

interface TeamTrack {
  readonly team: string;
  readonly players: string[];
  /** One row per frame: period, frame, time, then x,y per player, then the ball's x,y. */
  readonly rows: { line: number; period: number; frame: number; time: number; values: (number | null)[] }[];
  readonly file: string;
}

function readTrackingFile(file: string): TeamTrack {
  const rows = readCsvRows(file);
  const [teams, , header] = rows;
  const team = teams?.cells.find((c) => c === 'Home' || c === 'Away');
  if (!team || !header || header.cells[0] !== 'Period') {
    throw new ImportError(
      path.basename(file),
      header?.line ?? 1,
      'not a Metrica tracking file (3 header rows: team, number, names)',
    );
  }
  const players = header.cells.filter((c) => /^Player\d+$/.test(c));
  return {
    team,
    players,
    file,
    rows: rows.slice(3).map(({ line, cells }) => {
      const fields = new FieldReader(file, line);
      if (cells.length < 3 + players.length * 2 + 2)
        fields.fail(`has ${cells.length} cells, expected ${3 + players.length * 2 + 2}`);
      return {
        line,
        period: fields.integer(cells[0], 'Period'),
        frame: fields.integer(cells[1], 'Frame'),
        time: fields.number(cells[2], 'Time [s]'),
        values: cells
          .slice(3, 3 + players.length * 2 + 2)
          .map((c, i) => fields.optionalNumber(c, `column ${i + 4}`)),
      };
    }),
  };
}

/** Both teams' files joined frame by frame (the ball from the first file that has it). */
interface MergedTracking {
  readonly frameRate: number;
  /** Each period with the Metrica clock time of its first frame. */
  readonly periods: (TrackingPeriod & { startTime: number })[];
}

function mergeTracking(tracks: TeamTrack[], slotCount: number): MergedTracking {
  const frameNumbers = [...new Set(tracks.flatMap((t) => t.rows.map((r) => `${r.period}:${r.frame}`)))];
  const periodsSeen = [...new Set(tracks.flatMap((t) => t.rows.map((r) => r.period)))].sort((a, b) => a - b);
  const periods = periodsSeen.map((period) => {
    const frames = frameNumbers
      .filter((key) => Number(key.split(':')[0]) === period)
      .map((key) => Number(key.split(':')[1]))
      .sort((a, b) => a - b);
    const out = allocatePeriod(period, frames.length, slotCount);
    const indexOf = new Map(frames.map((f, i) => [f, i]));
    let startTime = Infinity;
    let slotBase = 0;
    for (const track of tracks) {
      for (const row of track.rows.filter((r) => r.period === period))
        startTime = Math.min(startTime, row.time);
      for (const row of track.rows.filter((r) => r.period === period)) {
        const i = indexOf.get(row.frame)!;
        out.frames[i] = row.frame;
        out.times[i] = row.time - startTime;
        track.players.forEach((_, p) => {
          const x = row.values[p * 2];
          const y = row.values[p * 2 + 1];
          if (x === null || x === undefined || y === null || y === undefined) return;
          const at = (slotBase + p) * frames.length + i;
          out.x[at] = toX(x);
          out.y[at] = toY(y);
          out.detected[at] = 1;
        });
        const ballX = row.values[track.players.length * 2];
        const ballY = row.values[track.players.length * 2 + 1];
        if (
          Number.isNaN(out.ballX[i]!) &&
          ballX !== null &&
          ballX !== undefined &&
          ballY !== null &&
          ballY !== undefined
        ) {
          out.ballX[i] = toX(ballX);
          out.ballY[i] = toY(ballY);
          out.ballDetected[i] = 1;
        }
      }
      slotBase += track.players.length;
    }
    return Object.assign(out, { startTime });
  });
  return { frameRate: METRICA_FRAME_RATE, periods };
}
