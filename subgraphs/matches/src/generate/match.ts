/**
 * A deterministic generator of whole matches: 22 players and the ball at 10 Hz (or any frame rate) for two
 * halves, with the events they imply. The same seed gives the same match.
 *
 * Each frame the ball's state machine moves on (play.ts, writing events as the state changes; actions.ts
 * for tackles, shots and passes), then every player steers towards the target its role gives it
 * (motion.ts): each team keeps a 4-4-2 shape (formation.ts) that shifts with the ball, the nearest defender
 * presses the carrier, and players chase loose balls. This module runs the two halves, records the frames,
 * the phases of possession and the periods, and puts the match together.
 */
import type { EventInput, LineupInput, PhaseInput, PlayerInput } from '../ingest/bundle';
import { allocatePeriod, PossessionSide, type Tracking, type TrackingPeriod } from '../tracking/model';
import { ballPosition, openingKickOff, possessionOf, type Ball } from './ball';
import { kickOffSpot, startingEleven } from './formation';
import { startingLineup, withCards } from './lineup';
import { rolesOf, steer, targetOf } from './motion';
import type { MutableEvent, NewEvent, PeriodContext } from './period';
import { round } from './pitch';
import { advanceBall } from './play';
import { createPlayers, type Side } from './players';
import { createRandom } from './random';

export const DEFAULT_FRAME_RATE = 10;
const PERIOD_SECONDS = 45 * 60;
/** Stoppage time added to each half, in seconds, drawn between these. */
const ADDED_SECONDS = [60, 240] as const;
/** The cameras follow the ball: players further from it are extrapolated rather than seen. */
const CAMERA_HALF_WIDTH = 35;

interface GeneratedTeam {
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

export function generateMatch(options: GenerateOptions): GeneratedMatch {
  const random = createRandom(options.seed);
  const fps = options.frameRate ?? DEFAULT_FRAME_RATE;
  const dt = 1 / fps;
  const teams = [options.home, options.away] as const;
  const elevens = teams.map((team) => startingEleven(team.squad));
  const players = createPlayers(elevens, random);
  const lineup = startingLineup(
    elevens,
    teams.map((team) => team.teamId),
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
    const firstFrame = frameNumber;
    const teamOf = (side: Side) => teams[side]!.teamId;
    const ctx: PeriodContext = {
      random,
      fps,
      dt,
      players,
      firstFrame,
      score,
      // Home attacks +x in the first half, and the teams change ends at half time.
      direction: (side) => ((side === 0) === (period === 1) ? 1 : -1),
      teamOf,
      emit: (event: NewEvent, index: number): MutableEvent => {
        const full: MutableEvent = {
          id: `${options.matchId}_e${String(events.length + 1).padStart(5, '0')}`,
          period,
          frame: firstFrame + index,
          time: round(index * dt, 2),
          ...event,
        };
        events.push(full);
        return full;
      },
    };
    const kickingSide: Side = period === 1 ? 0 : 1;
    for (const p of players) {
      const kickOff = kickOffSpot(p, ctx.direction(p.side));
      p.x = kickOff.x;
      p.y = kickOff.y;
      p.vx = 0;
      p.vy = 0;
    }
    let ball: Ball = openingKickOff(kickingSide, dt);
    let phaseStart = -1;
    let phaseSide: PossessionSide = PossessionSide.NONE;
    const closePhase = (endIndex: number) => {
      if (phaseSide !== PossessionSide.NONE && endIndex > phaseStart) {
        phases.push({
          index: phases.length,
          period,
          startFrame: firstFrame + phaseStart,
          endFrame: firstFrame + endIndex,
          teamId: teamOf(phaseSide === PossessionSide.HOME ? 0 : 1),
          type: 'IN_POSSESSION',
        });
      }
    };

    for (let i = 0; i < frameCount; i++) {
      ball = advanceBall(ctx, ball, i);
      const ballPos = ballPosition(ball, i);
      const possession = possessionOf(ball);
      if (possession !== phaseSide) {
        closePhase(i - 1);
        phaseSide = possession;
        phaseStart = i;
      }
      const roles = rolesOf(ctx, ball);
      for (const p of players) steer(p, targetOf(ctx, p, ball, roles, ballPos, i), dt);
      out.frames[i] = firstFrame + i;
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
    periods.push({ period, startFrame: firstFrame, endFrame: firstFrame + frameCount - 1 });
    trackingPeriods.push(out);
    frameNumber += frameCount;
  }

  const tracking: Tracking = { frameRate: fps, slots: players.map((p) => p.id), periods: trackingPeriods };
  return {
    lineup: withCards(lineup, events),
    tracking,
    events,
    phases,
    periods,
    homeScore: score[0]!,
    awayScore: score[1]!,
  };
}
