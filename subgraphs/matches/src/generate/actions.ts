/**
 * What players do with the ball, each written as an event where it happens: the nearest opponent tackles
 * the carrier (winning the ball, or fouling and maybe being booked), the carrier shoots at goal or passes
 * to the team-mate with the best mix of progress, space and chance.
 */
import { EventType } from '../ingest/bundle';
import { deadBall, type Ball } from './ball';
import type { PeriodContext } from './period';
import { clamp, distance, GOAL_HALF_WIDTH, PITCH, round } from './pitch';
import { nearest, type Player } from './players';

const PASS_SPEED = 16;
const SHOT_SPEED = 26;

/** `presser` tackles `carrier`, who holds the ball (`current`) at frame `i`. */
export function tackle(ctx: PeriodContext, current: Ball, carrier: Player, presser: Player, i: number): Ball {
  const { random, dt } = ctx;
  const foul = random.chance(0.15);
  ctx.emit(
    {
      type: foul ? EventType.FOUL : EventType.CHALLENGE,
      providerType: foul ? 'foul' : 'tackle',
      endFrame: null,
      teamId: ctx.teamOf(presser.side),
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
    ctx.emit(
      {
        type: EventType.CARD,
        providerType: 'yellow_card',
        endFrame: null,
        teamId: ctx.teamOf(presser.side),
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
  return deadBall(current, i, dt, carrier.side, EventType.SET_PIECE, carrier.x, carrier.y);
}

export function shoot(ctx: PeriodContext, carrier: Player, i: number): Ball {
  const { random, dt } = ctx;
  const dir = ctx.direction(carrier.side);
  const onTarget = random.chance(0.35);
  const y1 = onTarget
    ? random.between(-GOAL_HALF_WIDTH + 0.3, GOAL_HALF_WIDTH - 0.3)
    : random.pick([-1, 1]) * random.between(GOAL_HALF_WIDTH + 0.5, 9);
  const x1 = dir * (PITCH.length / 2);
  const length = Math.hypot(x1 - carrier.x, y1 - carrier.y);
  const frames = Math.max(1, Math.round(length / SHOT_SPEED / dt));
  const event = ctx.emit(
    {
      type: EventType.SHOT,
      providerType: 'shot',
      endFrame: ctx.firstFrame + i + frames,
      teamId: ctx.teamOf(carrier.side),
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

export function pass(ctx: PeriodContext, carrier: Player, i: number): Ball {
  const { random, dt, players } = ctx;
  const dir = ctx.direction(carrier.side);
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
      const value = length < 5 || length > 45 ? -Infinity : progress * 0.15 + space * 0.5 + random.next() * 4;
      return { mate, value };
    })
    .sort((a, b) => b.value - a.value);
  const receiver = scored[0]!.mate;
  const lead = distance(receiver, carrier) / PASS_SPEED;
  const x1 = clamp(receiver.x + receiver.vx * lead, PITCH.length / 2 - 0.5);
  const y1 = clamp(receiver.y + receiver.vy * lead, PITCH.width / 2 - 0.5);
  const length = Math.hypot(x1 - carrier.x, y1 - carrier.y);
  const frames = Math.max(1, Math.round(length / PASS_SPEED / dt));
  const event = ctx.emit(
    {
      type: EventType.PASS,
      providerType: 'pass',
      endFrame: ctx.firstFrame + i + frames,
      teamId: ctx.teamOf(carrier.side),
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
