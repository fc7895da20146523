/**
 * A deterministic generator of whole matches: 22 players and the ball at 10 Hz (or any frame rate) for two
 * halves, with the events they imply. The same seed gives the same match.
 *
 * Players steer towards a target with bounded acceleration and speed, so their motion is physically
 * plausible: each team keeps a 4-4-2 shape that shifts with the ball, the nearest defender presses the
 * carrier, and players chase loose balls. The ball is always held (at the carrier's feet), in flight (a
 * pass or a shot, along a straight line), loose (rolling, slowed by friction) or dead (a restart being
 * prepared). Events are written when those states change, so an event's frame and location match the
 * frames: a pass starts at the passer's feet, a recovery happens where the player reached the ball.
 */
import {
  EventType,
  type EventInput,
  type LineupInput,
  type PhaseInput,
  type PlayerInput,
} from '../ingest/bundle';
import { allocatePeriod, PossessionSide, type Tracking, type TrackingPeriod } from '../tracking/model';
import { createRandom } from './random';

export const DEFAULT_FRAME_RATE = 10;
export const PERIOD_SECONDS = 45 * 60;
/** Stoppage time added to each half, in seconds, drawn between these. */
const ADDED_SECONDS = [60, 240] as const;
export const PITCH = { length: 105, width: 68 } as const;
/** Fastest a generated player runs (m/s); real top speeds are 9–10. */
export const MAX_PLAYER_SPEED = 9.5;
/** Hardest a generated player accelerates or brakes (m/s²). */
export const MAX_ACCELERATION = 4.5;
const PASS_SPEED = 16;
const SHOT_SPEED = 26;
/** A player within this distance of a loose ball takes it. */
const CONTROL_DISTANCE = 1.2;
/** Players shoot only from closer than this to the goal (m). */
const SHOOTING_RANGE = 22;
const ROLLING_DECELERATION = 3;
/** The cameras follow the ball: players further from it are extrapolated rather than seen. */
const CAMERA_HALF_WIDTH = 35;
const GOAL_HALF_WIDTH = 3.66;
const RESTART_SECONDS = { kickOff: 30, goalKick: 8, freeKick: 5, throwIn: 6 } as const;

/** 4-4-2 seen by a team attacking towards +x: goalkeeper, back four, midfield four, two forwards. */
const FORMATION: readonly { role: string; position: string; x: number; y: number }[] = [
  { role: 'GK', position: 'GOALKEEPER', x: -47, y: 0 },
  { role: 'RB', position: 'DEFENDER', x: -32, y: -24 },
  { role: 'RCB', position: 'DEFENDER', x: -34, y: -8 },
  { role: 'LCB', position: 'DEFENDER', x: -34, y: 8 },
  { role: 'LB', position: 'DEFENDER', x: -32, y: 24 },
  { role: 'RM', position: 'MIDFIELDER', x: -14, y: -22 },
  { role: 'RCM', position: 'MIDFIELDER', x: -16, y: -7 },
  { role: 'LCM', position: 'MIDFIELDER', x: -16, y: 7 },
  { role: 'LM', position: 'MIDFIELDER', x: -14, y: 22 },
  { role: 'RF', position: 'FORWARD', x: 0, y: -8 },
  { role: 'LF', position: 'FORWARD', x: 2, y: 8 },
];

export interface GeneratedTeam {
  readonly teamId: string;
  /** The squad; the generator picks a starting eleven for the formation from it. */
  readonly squad: readonly PlayerInput[];
}

export interface GenerateOptions {
  readonly matchId: string;
  readonly seed: number;
  readonly home: GeneratedTeam;
  readonly away: GeneratedTeam;
  readonly frameRate?: number;
  /** Length of each half before stoppage time; shorter halves make quick demo data. */
  readonly periodSeconds?: number;
}

export interface GeneratedMatch {
  readonly lineup: LineupInput[];
  readonly tracking: Tracking;
  readonly events: EventInput[];
  readonly phases: PhaseInput[];
  readonly periods: { period: number; startFrame: number; endFrame: number }[];
  readonly homeScore: number;
  readonly awayScore: number;
}

interface Player {
  readonly id: string;
  readonly side: 0 | 1;
  readonly slot: number;
  readonly anchorX: number;
  readonly anchorY: number;
  readonly goalkeeper: boolean;
  readonly topSpeed: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
}

type Ball =
  | { kind: 'held'; carrier: Player; actAt: number; since: number }
  | {
      kind: 'flight';
      from: Player;
      shot: boolean;
      onTarget: boolean;
      x0: number;
      y0: number;
      x1: number;
      y1: number;
      start: number;
      end: number;
      height: number;
      event: MutableEvent;
    }
  | {
      kind: 'loose';
      x: number;
      y: number;
      vx: number;
      vy: number;
      lastSide: 0 | 1;
      pass: MutableEvent | null;
    }
  | {
      kind: 'dead';
      until: number;
      side: 0 | 1;
      x: number;
      y: number;
      restart: EventType;
      ballX: number;
      ballY: number;
    };

type MutableEvent = { -readonly [K in keyof EventInput]: EventInput[K] };

function startingEleven(squad: readonly PlayerInput[]): PlayerInput[] {
  const used = new Set<string>();
  return FORMATION.map((spot) => {
    const player =
      squad.find((p) => p.position === spot.position && !used.has(p.id)) ??
      squad.find((p) => !used.has(p.id));
    if (!player) throw new Error(`squad of ${squad.length} players is too small for a starting eleven`);
    used.add(player.id);
    return player;
  });
}

export function generateMatch(options: GenerateOptions): GeneratedMatch {
  const random = createRandom(options.seed);
  const fps = options.frameRate ?? DEFAULT_FRAME_RATE;
  const dt = 1 / fps;
  const teams = [options.home, options.away] as const;
  const elevens = teams.map((team) => startingEleven(team.squad));
  const players: Player[] = elevens.flatMap((eleven, side) =>
    eleven.map((p, index) => ({
      id: p.id,
      side: side as 0 | 1,
      slot: side * FORMATION.length + index,
      anchorX: FORMATION[index]!.x,
      anchorY: FORMATION[index]!.y,
      goalkeeper: index === 0,
      topSpeed: index === 0 ? 7 : random.between(8.2, MAX_PLAYER_SPEED),
      x: 0,
      y: 0,
      vx: 0,
      vy: 0,
    })),
  );
  const lineup: LineupInput[] = elevens.flatMap((eleven, side) =>
    eleven.map((p, index) => ({
      playerId: p.id,
      teamId: teams[side]!.teamId,
      shirtNumber: p.shirtNumber,
      role: FORMATION[index]!.role,
      starter: true,
      slot: side * FORMATION.length + index,
      cameOn: null,
      wentOff: null,
      // Counted from the card events once the match is played.
      yellowCards: 0,
      redCards: 0,
    })),
  );

  const events: MutableEvent[] = [];
  const phases: PhaseInput[] = [];
  const periods: GeneratedMatch['periods'] = [];
  const score = [0, 0];
  const trackingPeriods: TrackingPeriod[] = [];
  let frameNumber = 0;

  for (const period of [1, 2]) {
    const seconds = (options.periodSeconds ?? PERIOD_SECONDS) + Math.round(random.between(...ADDED_SECONDS));
    const frameCount = Math.round(seconds * fps);
    const out = allocatePeriod(period, frameCount, players.length);
    // Home attacks +x in the first half, and the teams change ends at half time.
    const direction = (side: 0 | 1) => ((side === 0) === (period === 1) ? 1 : -1);
    const kickingSide: 0 | 1 = period === 1 ? 0 : 1;
    for (const p of players) {
      const kickOff = kickOffSpot(p, direction(p.side));
      p.x = kickOff.x;
      p.y = kickOff.y;
      p.vx = 0;
      p.vy = 0;
    }
    let ball: Ball = deadBall(0, kickingSide, EventType.KICK_OFF, 0, 0);
    let phaseStart = -1;
    let phaseSide: PossessionSide = PossessionSide.NONE;
    const emit = (
      event: Omit<MutableEvent, 'id' | 'period' | 'time' | 'frame'>,
      index: number,
    ): MutableEvent => {
      const full: MutableEvent = {
        id: `${options.matchId}_e${String(events.length + 1).padStart(5, '0')}`,
        period,
        frame: frameNumber + index,
        time: round(index * dt, 2),
        ...event,
      };
      events.push(full);
      return full;
    };
    const teamOf = (side: 0 | 1) => teams[side]!.teamId;
    const closePhase = (endIndex: number) => {
      if (phaseSide !== PossessionSide.NONE && endIndex > phaseStart) {
        phases.push({
          index: phases.length,
          period,
          startFrame: frameNumber + phaseStart,
          endFrame: frameNumber + endIndex,
          teamId: teamOf(phaseSide === PossessionSide.HOME ? 0 : 1),
          type: 'IN_POSSESSION',
        });
      }
    };

    for (let i = 0; i < frameCount; i++) {
      ball = advanceBall(ball, i);
      const ballPos = ballPosition(ball, i);
      const possession = possessionOf(ball);
      if (possession !== phaseSide) {
        closePhase(i - 1);
        phaseSide = possession;
        phaseStart = i;
      }
      const roles = rolesOf(ball);
      for (const p of players) steer(p, targetOf(p, ball, roles, ballPos, i));
      out.frames[i] = frameNumber + i;
      out.times[i] = i * dt;
      out.ballX[i] = ballPos.x;
      out.ballY[i] = ballPos.y;
      out.ballZ[i] = ballPos.z;
      out.ballDetected[i] = ball.kind === 'dead' ? 0 : 1;
      out.possession[i] = possession;
      for (const p of players) {
        const at = p.slot * frameCount + i;
        out.x[at] = round(p.x, 2);
        out.y[at] = round(p.y, 2);
        out.detected[at] = Math.abs(p.x - ballPos.x) <= CAMERA_HALF_WIDTH ? 1 : 0;
      }
    }
    closePhase(frameCount - 1);
    periods.push({ period, startFrame: frameNumber, endFrame: frameNumber + frameCount - 1 });
    trackingPeriods.push(out);
    frameNumber += frameCount;

    function deadBall(index: number, side: 0 | 1, restart: EventType, x: number, y: number): Ball {
      const seconds =
        restart === EventType.KICK_OFF
          ? index === 0
            ? 0.5
            : RESTART_SECONDS.kickOff
          : restart === EventType.SET_PIECE
            ? RESTART_SECONDS.freeKick
            : RESTART_SECONDS.goalKick;
      // The ball stays where play stopped until the restart is taken.
      const from = index === 0 ? { x, y } : ballPosition(ball, index);
      return {
        kind: 'dead',
        until: index + Math.round(seconds / dt),
        side,
        x,
        y,
        restart,
        ballX: from.x,
        ballY: from.y,
      };
    }

    /** Moves the ball's state machine on by one frame, writing the events its changes mean. */
    function advanceBall(current: Ball, i: number): Ball {
      switch (current.kind) {
        case 'dead': {
          if (i < current.until) return current;
          const taker = nearest(
            players.filter((p) => p.side === current.side),
            current.x,
            current.y,
          );
          emit(
            {
              type: current.restart,
              providerType: current.restart === EventType.KICK_OFF ? 'kick_off' : 'restart',
              endFrame: null,
              teamId: teamOf(current.side),
              playerId: taker.id,
              receiverId: null,
              targetId: null,
              opponentId: null,
              x: round(taker.x, 2),
              y: round(taker.y, 2),
              endX: null,
              endY: null,
              outcome: null,
            },
            i,
          );
          return {
            kind: 'held',
            carrier: taker,
            actAt: i + Math.round(random.between(0.5, 1.5) / dt),
            since: i,
          };
        }
        case 'held': {
          const carrier = current.carrier;
          const dir = direction(carrier.side);
          const presser = nearest(
            players.filter((p) => p.side !== carrier.side),
            carrier.x,
            carrier.y,
          );
          if (i - current.since > 5 && distance(presser, carrier) < 1 && random.chance(0.06)) {
            return tackle(carrier, presser, i);
          }
          if (i < current.actAt) return current;
          const goalDistance = Math.hypot(dir * (PITCH.length / 2) - carrier.x, carrier.y);
          if (goalDistance < SHOOTING_RANGE && random.chance(0.12)) return shoot(carrier, i);
          return pass(carrier, i);
        }
        case 'flight': {
          if (i < current.end) return current;
          if (!current.shot) {
            const dx = current.x1 - current.x0;
            const dy = current.y1 - current.y0;
            const length = Math.hypot(dx, dy) || 1;
            return {
              kind: 'loose',
              x: current.x1,
              y: current.y1,
              vx: (dx / length) * 3,
              vy: (dy / length) * 3,
              lastSide: current.from.side,
              pass: current.event,
            };
          }
          const defending = (1 - current.from.side) as 0 | 1;
          if (current.onTarget && random.chance(0.25)) {
            score[current.from.side]!++;
            current.event.outcome = 'GOAL';
            emit(
              {
                type: EventType.GOAL,
                providerType: 'goal',
                endFrame: null,
                teamId: teamOf(current.from.side),
                playerId: current.from.id,
                receiverId: null,
                targetId: null,
                opponentId: null,
                x: round(current.x1, 2),
                y: round(current.y1, 2),
                endX: null,
                endY: null,
                outcome: `${score[0]}-${score[1]}`,
              },
              i,
            );
            return deadBall(i, defending, EventType.KICK_OFF, 0, 0);
          }
          if (current.onTarget) {
            current.event.outcome = 'SAVED';
            const keeper = players.find((p) => p.side === defending && p.goalkeeper)!;
            return { kind: 'loose', x: keeper.x, y: keeper.y, vx: 0, vy: 0, lastSide: defending, pass: null };
          }
          current.event.outcome = 'OFF_TARGET';
          const keeper = players.find((p) => p.side === defending && p.goalkeeper)!;
          return deadBall(i, defending, EventType.SET_PIECE, keeper.anchorX * direction(defending), 0);
        }
        case 'loose': {
          const speed = Math.hypot(current.vx, current.vy);
          const slowed = Math.max(0, speed - ROLLING_DECELERATION * dt);
          const scale = speed > 0 ? slowed / speed : 0;
          const x = current.x + current.vx * scale * dt;
          const y = current.y + current.vy * scale * dt;
          if (Math.abs(x) > PITCH.length / 2 || Math.abs(y) > PITCH.width / 2) {
            if (current.pass) current.pass.outcome = 'INCOMPLETE';
            const side = (1 - current.lastSide) as 0 | 1;
            emit(
              {
                type: EventType.BALL_OUT,
                providerType: 'ball_out',
                endFrame: null,
                teamId: teamOf(current.lastSide),
                playerId: null,
                receiverId: null,
                targetId: null,
                opponentId: null,
                x: round(x, 2),
                y: round(y, 2),
                endX: null,
                endY: null,
                outcome: null,
              },
              i,
            );
            return deadBall(
              i,
              side,
              EventType.SET_PIECE,
              clamp(x, PITCH.length / 2),
              clamp(y, PITCH.width / 2),
            );
          }
          const next = { ...current, x, y, vx: current.vx * scale, vy: current.vy * scale };
          const winner = nearest(players, x, y);
          if (Math.hypot(winner.x - x, winner.y - y) > CONTROL_DISTANCE) return next;
          if (current.pass) {
            const complete = winner.side === current.lastSide;
            current.pass.outcome = complete ? 'COMPLETE' : 'INCOMPLETE';
            current.pass.endFrame = frameNumber + i;
            current.pass.endX = round(winner.x, 2);
            current.pass.endY = round(winner.y, 2);
            if (complete) current.pass.receiverId = winner.id;
          }
          if (winner.side !== current.lastSide || !current.pass) {
            emit(
              {
                type: EventType.RECOVERY,
                providerType: 'recovery',
                endFrame: null,
                teamId: teamOf(winner.side),
                playerId: winner.id,
                receiverId: null,
                targetId: null,
                opponentId: null,
                x: round(winner.x, 2),
                y: round(winner.y, 2),
                endX: null,
                endY: null,
                outcome: null,
              },
              i,
            );
          }
          return {
            kind: 'held',
            carrier: winner,
            actAt: i + Math.round(random.between(1, 4) / dt),
            since: i,
          };
        }
      }
    }

    function tackle(carrier: Player, presser: Player, i: number): Ball {
      const foul = random.chance(0.15);
      emit(
        {
          type: foul ? EventType.FOUL : EventType.CHALLENGE,
          providerType: foul ? 'foul' : 'tackle',
          endFrame: null,
          teamId: teamOf(presser.side),
          playerId: presser.id,
          receiverId: null,
          targetId: null,
          opponentId: carrier.id,
          x: round(presser.x, 2),
          y: round(presser.y, 2),
          endX: null,
          endY: null,
          outcome: foul ? 'FOUL' : 'WON',
        },
        i,
      );
      if (!foul) {
        return {
          kind: 'held',
          carrier: presser,
          actAt: i + Math.round(random.between(0.5, 2) / dt),
          since: i,
        };
      }
      if (random.chance(0.15)) {
        emit(
          {
            type: EventType.CARD,
            providerType: 'yellow_card',
            endFrame: null,
            teamId: teamOf(presser.side),
            playerId: presser.id,
            receiverId: null,
            targetId: null,
            opponentId: null,
            x: round(presser.x, 2),
            y: round(presser.y, 2),
            endX: null,
            endY: null,
            outcome: 'YELLOW',
          },
          i,
        );
      }
      return deadBall(i, carrier.side, EventType.SET_PIECE, carrier.x, carrier.y);
    }

    function shoot(carrier: Player, i: number): Ball {
      const dir = direction(carrier.side);
      const onTarget = random.chance(0.35);
      const y1 = onTarget
        ? random.between(-GOAL_HALF_WIDTH + 0.3, GOAL_HALF_WIDTH - 0.3)
        : random.pick([-1, 1]) * random.between(GOAL_HALF_WIDTH + 0.5, 9);
      const x1 = dir * (PITCH.length / 2);
      const length = Math.hypot(x1 - carrier.x, y1 - carrier.y);
      const frames = Math.max(1, Math.round(length / SHOT_SPEED / dt));
      const event = emit(
        {
          type: EventType.SHOT,
          providerType: 'shot',
          endFrame: frameNumber + i + frames,
          teamId: teamOf(carrier.side),
          playerId: carrier.id,
          receiverId: null,
          targetId: null,
          opponentId: null,
          x: round(carrier.x, 2),
          y: round(carrier.y, 2),
          endX: round(x1, 2),
          endY: round(y1, 2),
          outcome: null,
        },
        i,
      );
      return {
        kind: 'flight',
        from: carrier,
        shot: true,
        onTarget,
        x0: carrier.x,
        y0: carrier.y,
        x1,
        y1,
        start: i,
        end: i + frames,
        height: onTarget ? 1.2 : 2.5,
        event,
      };
    }

    function pass(carrier: Player, i: number): Ball {
      const dir = direction(carrier.side);
      const mates = players.filter((p) => p.side === carrier.side && p !== carrier);
      const scored = mates
        .map((mate) => {
          const length = distance(mate, carrier);
          const marker = nearest(
            players.filter((p) => p.side !== carrier.side),
            mate.x,
            mate.y,
          );
          const space = Math.min(distance(marker, mate), 10);
          const progress = (mate.x - carrier.x) * dir;
          const value =
            length < 5 || length > 45 ? -Infinity : progress * 0.15 + space * 0.5 + random.next() * 4;
          return { mate, value };
        })
        .sort((a, b) => b.value - a.value);
      const receiver = scored[0]!.mate;
      const lead = distance(receiver, carrier) / PASS_SPEED;
      const x1 = clamp(receiver.x + receiver.vx * lead, PITCH.length / 2 - 0.5);
      const y1 = clamp(receiver.y + receiver.vy * lead, PITCH.width / 2 - 0.5);
      const length = Math.hypot(x1 - carrier.x, y1 - carrier.y);
      const frames = Math.max(1, Math.round(length / PASS_SPEED / dt));
      const event = emit(
        {
          type: EventType.PASS,
          providerType: 'pass',
          endFrame: frameNumber + i + frames,
          teamId: teamOf(carrier.side),
          playerId: carrier.id,
          receiverId: null,
          targetId: receiver.id,
          opponentId: null,
          x: round(carrier.x, 2),
          y: round(carrier.y, 2),
          endX: round(x1, 2),
          endY: round(y1, 2),
          outcome: null,
        },
        i,
      );
      return {
        kind: 'flight',
        from: carrier,
        shot: false,
        onTarget: false,
        x0: carrier.x,
        y0: carrier.y,
        x1,
        y1,
        start: i,
        end: i + frames,
        height: length > 25 ? length * 0.12 : 0,
        event,
      };
    }

    /** Who does what this frame: the restart taker, and per team the player chasing the ball or pressing. */
    function rolesOf(state: Ball): Roles {
      const outfield = (side: 0 | 1) => players.filter((q) => q.side === side && !q.goalkeeper);
      const roles: { taker: Player | null; chasers: (Player | null)[]; presser: Player | null } = {
        taker: null,
        chasers: [null, null],
        presser: null,
      };
      if (state.kind === 'dead') {
        roles.taker = nearest(
          players.filter((q) => q.side === state.side),
          state.x,
          state.y,
        );
      } else if (state.kind === 'loose' || (state.kind === 'flight' && !state.shot)) {
        const at = state.kind === 'loose' ? { x: state.x, y: state.y } : { x: state.x1, y: state.y1 };
        roles.chasers = [nearest(outfield(0), at.x, at.y), nearest(outfield(1), at.x, at.y)];
      } else if (state.kind === 'held') {
        roles.presser = nearest(
          outfield((1 - state.carrier.side) as 0 | 1),
          state.carrier.x,
          state.carrier.y,
        );
      }
      return roles;
    }

    function targetOf(p: Player, state: Ball, roles: Roles, at: { x: number; y: number }, i: number): Target {
      const dir = direction(p.side);
      if (state.kind === 'dead') {
        if (p === roles.taker) return { x: state.x - dir * 0.5, y: state.y, speed: 6 };
        if (state.restart === EventType.KICK_OFF) {
          const spot = kickOffSpot(p, dir);
          return { x: spot.x, y: spot.y, speed: 3 };
        }
      }
      if (state.kind === 'held' && state.carrier === p) {
        return { x: p.x + dir * 8, y: p.y * 0.92, speed: p.goalkeeper ? 2 : 6 };
      }
      if (p === roles.chasers[p.side]) {
        const chase =
          state.kind === 'loose' ? state : state.kind === 'flight' ? { x: state.x1, y: state.y1 } : at;
        return { x: chase.x, y: chase.y, speed: p.topSpeed };
      }
      if (p === roles.presser && state.kind === 'held') {
        return { x: state.carrier.x, y: state.carrier.y, speed: 7.2 };
      }
      // The block: shifted up the pitch with the ball, pushed on in possession, narrowed towards the ball.
      const inPossession = possessionOf(state) === (p.side === 0 ? PossessionSide.HOME : PossessionSide.AWAY);
      const ballAhead = at.x * dir;
      if (p.goalkeeper) {
        return { x: dir * (-47 + Math.max(0, ballAhead + 20) * 0.08), y: clamp(at.y * 0.15, 3), speed: 3 };
      }
      const shift = Math.max(-8, Math.min(36, ballAhead * 0.4 + (inPossession ? 10 : -2)));
      const depth = inPossession ? 1.1 : 0.8;
      const x = dir * Math.min(PITCH.length / 2 - 3, p.anchorX * depth + shift);
      const y = clamp(p.anchorY * (inPossession ? 1.05 : 0.75) + at.y * 0.2, PITCH.width / 2 - 1);
      // A little wandering keeps players from standing still on their marks.
      const wobble = Math.sin(i / (fps * 12) + p.slot * 1.7) * 2;
      return { x: x + wobble * 0.5, y: y + wobble, speed: inPossession ? 3.4 : 3 };
    }

    function steer(p: Player, target: Target) {
      const dx = target.x - p.x;
      const dy = target.y - p.y;
      const gap = Math.hypot(dx, dy);
      // Slow down on arrival: the speed that still allows braking within the remaining gap.
      const wanted = Math.min(target.speed, p.topSpeed, Math.sqrt(2 * MAX_ACCELERATION * gap) * 0.8);
      const desiredX = gap > 0.05 ? (dx / gap) * wanted : 0;
      const desiredY = gap > 0.05 ? (dy / gap) * wanted : 0;
      let ax = (desiredX - p.vx) / dt;
      let ay = (desiredY - p.vy) / dt;
      const accel = Math.hypot(ax, ay);
      if (accel > MAX_ACCELERATION) {
        ax = (ax / accel) * MAX_ACCELERATION;
        ay = (ay / accel) * MAX_ACCELERATION;
      }
      p.vx += ax * dt;
      p.vy += ay * dt;
      const speed = Math.hypot(p.vx, p.vy);
      if (speed > p.topSpeed) {
        p.vx = (p.vx / speed) * p.topSpeed;
        p.vy = (p.vy / speed) * p.topSpeed;
      }
      p.x += p.vx * dt;
      p.y += p.vy * dt;
    }
  }

  const tracking: Tracking = { frameRate: fps, slots: players.map((p) => p.id), periods: trackingPeriods };
  const cards = (playerId: string) =>
    events.filter((e) => e.type === EventType.CARD && e.playerId === playerId).length;
  return {
    lineup: lineup.map((entry) => ({ ...entry, yellowCards: cards(entry.playerId) })),
    tracking,
    events,
    phases,
    periods,
    homeScore: score[0]!,
    awayScore: score[1]!,
  };

  function ballPosition(state: Ball, i: number): { x: number; y: number; z: number } {
    switch (state.kind) {
      case 'held': {
        const c = state.carrier;
        const speed = Math.hypot(c.vx, c.vy);
        // At the carrier's feet, a touch ahead when running.
        const ahead = speed > 0.5 ? 0.5 / speed : 0;
        return { x: c.x + c.vx * ahead, y: c.y + c.vy * ahead, z: 0.11 };
      }
      case 'flight': {
        const t = Math.min(1, (i - state.start) / Math.max(1, state.end - state.start));
        return {
          x: state.x0 + (state.x1 - state.x0) * t,
          y: state.y0 + (state.y1 - state.y0) * t,
          z: 0.11 + 4 * state.height * t * (1 - t),
        };
      }
      case 'loose':
        return { x: state.x, y: state.y, z: 0.11 };
      case 'dead':
        return i >= state.until - 1
          ? { x: state.x, y: state.y, z: 0.11 }
          : { x: state.ballX, y: state.ballY, z: 0 };
    }
  }
}

interface Roles {
  readonly taker: Player | null;
  readonly chasers: readonly (Player | null)[];
  readonly presser: Player | null;
}

interface Target {
  readonly x: number;
  readonly y: number;
  /** Speed the player aims for on the way, m/s. */
  readonly speed: number;
}

function possessionOf(ball: Ball): PossessionSide {
  const sideOf = (side: 0 | 1) => (side === 0 ? PossessionSide.HOME : PossessionSide.AWAY);
  switch (ball.kind) {
    case 'held':
      return sideOf(ball.carrier.side);
    case 'flight':
      return sideOf(ball.from.side);
    case 'loose':
      return sideOf(ball.lastSide);
    case 'dead':
      return PossessionSide.NONE;
  }
}

/** Where a player lines up for a kick-off: in the own half, the formation pulled back. */
function kickOffSpot(p: Player, dir: number): { x: number; y: number } {
  return { x: dir * Math.min(-1, p.anchorX * 0.9 - 1), y: p.anchorY };
}

function nearest(candidates: readonly Player[], x: number, y: number): Player {
  let best = candidates[0]!;
  let bestDistance = Infinity;
  for (const p of candidates) {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);
const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
