/**
 * The ball's state machine, moved on one frame at a time: a restart is taken once its time has passed, a
 * carrier is tackled or acts (shot or pass) when due, a pass ends loose where it was aimed and a shot ends
 * in a goal, a save or a goal kick, a loose ball rolls until a player reaches it or it leaves the pitch.
 * Events are written when the state changes, so an event's frame and location match the frames.
 */
import { EventType } from '../ingest/bundle';
import { pass, shoot, tackle } from './actions';
import { deadBall, type Ball } from './ball';
import type { PeriodContext } from './period';
import { clamp, distance, PITCH, round } from './pitch';
import { nearest, type Side } from './players';

/** A player within this distance of a loose ball takes it. */
const CONTROL_DISTANCE = 1.2;
/** Players shoot only from closer than this to the goal (m). */
const SHOOTING_RANGE = 22;
const ROLLING_DECELERATION = 3;

/** Moves the ball's state machine on by one frame, writing the events its changes mean. */
export function advanceBall(ctx: PeriodContext, current: Ball, i: number): Ball {
  const { random, dt, players } = ctx;
  switch (current.kind) {
    case 'dead': {
      if (i < current.until) return current;
      const taker = nearest(
        players.filter((p) => p.side === current.side),
        current.x,
        current.y,
      );
      ctx.emit(
        {
          type: current.restart,
          providerType: current.restart === EventType.KICK_OFF ? 'kick_off' : 'restart',
          endFrame: null,
          teamId: ctx.teamOf(current.side),
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
      const dir = ctx.direction(carrier.side);
      const presser = nearest(
        players.filter((p) => p.side !== carrier.side),
        carrier.x,
        carrier.y,
      );
      if (i - current.since > 5 && distance(presser, carrier) < 1 && random.chance(0.06)) {
        return tackle(ctx, current, carrier, presser, i);
      }
      if (i < current.actAt) return current;
      const goalDistance = Math.hypot(dir * (PITCH.length / 2) - carrier.x, carrier.y);
      if (goalDistance < SHOOTING_RANGE && random.chance(0.12)) return shoot(ctx, carrier, i);
      return pass(ctx, carrier, i);
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
      const defending = (1 - current.from.side) as Side;
      if (current.onTarget && random.chance(0.25)) {
        ctx.score[current.from.side]!++;
        current.event.outcome = 'GOAL';
        ctx.emit(
          {
            type: EventType.GOAL,
            providerType: 'goal',
            endFrame: null,
            teamId: ctx.teamOf(current.from.side),
            playerId: current.from.id,
            receiverId: null,
            targetId: null,
            opponentId: null,
            x: round(current.x1, 2),
            y: round(current.y1, 2),
            endX: null,
            endY: null,
            outcome: `${ctx.score[0]}-${ctx.score[1]}`,
          },
          i,
        );
        return deadBall(current, i, dt, defending, EventType.KICK_OFF, 0, 0);
      }
      if (current.onTarget) {
        current.event.outcome = 'SAVED';
        const keeper = players.find((p) => p.side === defending && p.goalkeeper)!;
        return { kind: 'loose', x: keeper.x, y: keeper.y, vx: 0, vy: 0, lastSide: defending, pass: null };
      }
      current.event.outcome = 'OFF_TARGET';
      const keeper = players.find((p) => p.side === defending && p.goalkeeper)!;
      return deadBall(
        current,
        i,
        dt,
        defending,
        EventType.SET_PIECE,
        keeper.anchorX * ctx.direction(defending),
        0,
      );
    }
    case 'loose': {
      const speed = Math.hypot(current.vx, current.vy);
      const slowed = Math.max(0, speed - ROLLING_DECELERATION * dt);
      const scale = speed > 0 ? slowed / speed : 0;
      const x = current.x + current.vx * scale * dt;
      const y = current.y + current.vy * scale * dt;
      if (Math.abs(x) > PITCH.length / 2 || Math.abs(y) > PITCH.width / 2) {
        if (current.pass) current.pass.outcome = 'INCOMPLETE';
        const side = (1 - current.lastSide) as Side;
        ctx.emit(
          {
            type: EventType.BALL_OUT,
            providerType: 'ball_out',
            endFrame: null,
            teamId: ctx.teamOf(current.lastSide),
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
          current,
          i,
          dt,
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
        current.pass.endFrame = ctx.firstFrame + i;
        current.pass.endX = round(winner.x, 2);
        current.pass.endY = round(winner.y, 2);
        if (complete) current.pass.receiverId = winner.id;
      }
      if (winner.side !== current.lastSide || !current.pass) {
        ctx.emit(
          {
            type: EventType.RECOVERY,
            providerType: 'recovery',
            endFrame: null,
            teamId: ctx.teamOf(winner.side),
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
