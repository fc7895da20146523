/**
 * PFF FC tracking: the game metadata (`metadata_<id>.json`, a one-element list), the rosters
 * (`rosters_<id>.json`) and the tracking (`<id>.jsonl`, 29.97 fps, one frame a line, metres from the centre
 * spot: our convention). Players are named in frames by team and shirt number only, so the roster maps them.
 * Game events embedded in frames (kick-offs, substitutions, ball out, …) become events.
 */
import path from 'node:path';
import { allocatePeriod, type Tracking, type TrackingPeriod } from '../tracking/model';
import { EventType, type EventInput, type MatchBundle } from './bundle';
import { ImportError } from './errors';
import { FieldReader, readJson, readJsonLines } from './files';
import { positionOf } from './roles';

const PREFIX = 'pff';
const teamId = (id: string) => `${PREFIX}_team_${id}`;
const playerId = (id: string) => `${PREFIX}_player_${id}`;

const EVENT_TYPES: Record<string, EventType> = {
  FIRSTKICKOFF: EventType.KICK_OFF,
  SECONDKICKOFF: EventType.KICK_OFF,
  THIRDKICKOFF: EventType.KICK_OFF,
  FOURTHKICKOFF: EventType.KICK_OFF,
  SUB: EventType.SUBSTITUTION,
  OUT: EventType.BALL_OUT,
};

export interface PffFiles {
  readonly metadata: string;
  readonly rosters: string;
  readonly tracking: string;
}

export function classifyPffFiles(files: readonly string[]): PffFiles {
  const find = (test: (name: string) => boolean) => files.find((f) => test(path.basename(f)));
  const metadata = find((n) => n.includes('metadata') && n.endsWith('.json'));
  const rosters = find((n) => n.includes('roster') && n.endsWith('.json'));
  const tracking = find((n) => n.endsWith('.jsonl'));
  if (!metadata || !rosters || !tracking) {
    throw new ImportError(
      '(arguments)',
      null,
      'pff needs the metadata JSON, the rosters JSON and the tracking JSONL',
    );
  }
  return { metadata, rosters, tracking };
}

interface Metadata {
  id: string;
  date: string;
  fps: number;
  homeTeam: { id: string; name: string; shortName?: string };
  awayTeam: { id: string; name: string; shortName?: string };
  competition?: { id: string; name: string };
  season?: string;
  stadium?: { name?: string; pitches?: { length: number; width: number }[] };
}

interface RosterEntry {
  player: { id: string; nickname: string };
  positionGroupType: string;
  shirtNumber: string;
  started: boolean;
  team: { id: string; name: string };
}

interface RawPlayer {
  jerseyNum: string;
  visibility?: string;
  x: number;
  y: number;
}

interface RawFrame {
  frameNum: number;
  period: number | null;
  periodElapsedTime: number | null;
  homePlayers: RawPlayer[] | null;
  awayPlayers: RawPlayer[] | null;
  balls: { visibility?: string; x: number; y: number; z: number }[] | null;
  game_event_id: number | null;
  game_event: { game_event_type: string; player_id?: string | null; team_id?: string | null } | null;
}

export function importPff(files: PffFiles): MatchBundle {
  const metadataFile = path.basename(files.metadata);
  const metadataList = readJson(files.metadata) as Metadata[];
  const meta = Array.isArray(metadataList) ? metadataList[0] : undefined;
  if (!meta?.id || !meta.homeTeam || !meta.awayTeam || !(meta.fps > 0)) {
    throw new ImportError(
      metadataFile,
      null,
      'not PFF game metadata (a list with id, homeTeam, awayTeam, fps)',
    );
  }
  const roster = readJson(files.rosters) as RosterEntry[];
  if (!Array.isArray(roster) || roster.some((r) => !r?.player?.id || !r.team?.id)) {
    throw new ImportError(
      path.basename(files.rosters),
      null,
      'not a PFF roster (a list of player, team, shirtNumber)',
    );
  }
  const matchId = `${PREFIX}_match_${meta.id}`;
  const side = (team: string) => (team === meta.homeTeam.id ? 'home' : 'away');
  const slotOf = new Map(roster.map((r, index) => [`${side(r.team.id)}:${r.shirtNumber}`, index]));
  const competition = meta.competition
    ? { id: `${PREFIX}_comp_${meta.competition.id}`, name: meta.competition.name, area: '' }
    : null;
  const season =
    competition && meta.season
      ? { id: `${competition.id}_${meta.season}`, competitionId: competition.id, name: meta.season }
      : null;
  const { tracking, events } = readTracking(files.tracking, slotOf, meta.fps, matchId);
  const pitch = meta.stadium?.pitches?.[0];
  return {
    competition,
    season,
    teams: [meta.homeTeam, meta.awayTeam].map((t) => ({
      id: teamId(t.id),
      name: t.name,
      shortName: t.shortName ?? t.name.slice(0, 3).toUpperCase(),
      city: '',
    })),
    players: roster.map((r) => ({
      id: playerId(r.player.id),
      teamId: teamId(r.team.id),
      name: r.player.nickname,
      shirtNumber: Number(r.shirtNumber),
      position: positionOf(r.positionGroupType),
    })),
    match: {
      id: matchId,
      seasonId: season?.id ?? null,
      kickoff: new Date(`${meta.date}Z`),
      venue: meta.stadium?.name ?? '',
      homeTeamId: teamId(meta.homeTeam.id),
      awayTeamId: teamId(meta.awayTeam.id),
      // The metadata has no score; PFF's event feed carries it.
      homeScore: 0,
      awayScore: 0,
      broadcasterId: null,
      pitchLength: pitch?.length ?? 105,
      pitchWidth: pitch?.width ?? 68,
      frameRate: meta.fps,
      source: 'pff',
    },
    periods: tracking.periods.map((p) => ({
      period: p.period,
      startFrame: p.frames[0]!,
      endFrame: p.frames[p.frames.length - 1]!,
    })),
    lineup: roster.map((r, index) => ({
      playerId: playerId(r.player.id),
      teamId: teamId(r.team.id),
      shirtNumber: Number(r.shirtNumber),
      role: r.positionGroupType,
      starter: r.started,
      slot: index,
      // The roster says who started; substitutions are events in the tracking, cards are not in these files.
      cameOn: null,
      wentOff: null,
      yellowCards: null,
      redCards: null,
    })),
    tracking,
    events,
    phases: [],
  };

  function readTracking(
    file: string,
    slots: ReadonlyMap<string, number>,
    fps: number,
    id: string,
  ): { tracking: Tracking; events: EventInput[] } {
    const byPeriod = new Map<number, { line: number; frame: RawFrame }[]>();
    const found: EventInput[] = [];
    const seen = new Set<number>();
    for (const { line, value } of readJsonLines(file)) {
      const frame = value as RawFrame;
      const fields = new FieldReader(file, line);
      if (typeof frame !== 'object' || frame === null) fields.fail('not a frame object');
      fields.integer(frame.frameNum, 'frameNum');
      if (frame.period === null || frame.period === undefined) continue;
      const period = fields.integer(frame.period, 'period');
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), { line, frame }]);
      const event = frame.game_event;
      if (event && frame.game_event_id !== null && !seen.has(frame.game_event_id)) {
        seen.add(frame.game_event_id);
        found.push({
          id: `${id}_e${frame.game_event_id}`,
          type: EVENT_TYPES[event.game_event_type] ?? EventType.OTHER,
          providerType: event.game_event_type,
          period,
          frame: frame.frameNum,
          endFrame: null,
          time: fields.number(frame.periodElapsedTime, 'periodElapsedTime'),
          teamId: event.team_id ? teamId(event.team_id) : null,
          playerId: event.player_id ? playerId(event.player_id) : null,
          receiverId: null,
          targetId: null,
          opponentId: null,
          x: null,
          y: null,
          endX: null,
          endY: null,
          outcome: null,
        });
      }
    }
    const periods: TrackingPeriod[] = [...byPeriod.entries()]
      .sort(([a], [b]) => a - b)
      .map(([period, rows]) => {
        const out = allocatePeriod(period, rows.length, slots.size);
        rows.forEach(({ line, frame }, i) => {
          const fields = new FieldReader(file, line);
          out.frames[i] = frame.frameNum;
          out.times[i] = fields.number(frame.periodElapsedTime, 'periodElapsedTime');
          const ball = frame.balls?.[0];
          if (ball) {
            out.ballX[i] = fields.number(ball.x, 'balls.x');
            out.ballY[i] = fields.number(ball.y, 'balls.y');
            out.ballZ[i] = fields.optionalNumber(ball.z, 'balls.z') ?? NaN;
            out.ballDetected[i] = ball.visibility === 'VISIBLE' ? 1 : 0;
          }
          for (const [group, players] of [
            ['home', frame.homePlayers],
            ['away', frame.awayPlayers],
          ] as const) {
            for (const p of players ?? []) {
              const slot = slots.get(`${group}:${p.jerseyNum}`);
              if (slot === undefined)
                return fields.fail(`${group} shirt ${p.jerseyNum} is not in the roster`);
              const at = slot * rows.length + i;
              out.x[at] = fields.number(p.x, `${group}Players.x`);
              out.y[at] = fields.number(p.y, `${group}Players.y`);
              out.detected[at] = p.visibility === 'VISIBLE' ? 1 : 0;
            }
          }
        });
        return out;
      });
    return {
      tracking: { frameRate: fps, slots: roster.map((r) => playerId(r.player.id)), periods },
      events: found,
    };
  }
}
