import type { PlayerInput } from '../ingest/bundle';
import { generateMatch } from './match';
import { MAX_ACCELERATION } from './motion';
import { PITCH } from './pitch';
import { MAX_PLAYER_SPEED } from './players';

const squad = (teamId: string): PlayerInput[] =>
  [
    'GOALKEEPER',
    'GOALKEEPER',
    ...Array(6).fill('DEFENDER'),
    ...Array(6).fill('MIDFIELDER'),
    ...Array(4).fill('FORWARD'),
  ].map((position: string, i) => ({
    id: `${teamId}_${i}`,
    teamId,
    name: `P${i}`,
    shirtNumber: i + 1,
    position,
  }));
const options = (seed: number) => ({
  matchId: 'm',
  seed,
  home: { teamId: 'h', squad: squad('h') },
  away: { teamId: 'a', squad: squad('a') },
  periodSeconds: 300,
});

describe('generated matches', () => {
  const match = generateMatch(options(11));

  it('is the same for the same seed and differs for another', () => {
    const again = generateMatch(options(11));
    expect(again.events).toEqual(match.events);
    expect(Array.from(again.tracking.periods[0]!.x)).toEqual(Array.from(match.tracking.periods[0]!.x));
    expect(generateMatch(options(12)).events).not.toEqual(match.events);
  });

  it('moves players within the speed and acceleration limits, on or near the pitch', () => {
    const dt = 1 / match.tracking.frameRate;
    let topSpeed = 0;
    let topAcceleration = 0;
    let furthest = { x: 0, y: 0 };
    for (const period of match.tracking.periods) {
      const n = period.frames.length;
      for (let slot = 0; slot < 22; slot++) {
        const x = period.x.subarray(slot * n, (slot + 1) * n);
        const y = period.y.subarray(slot * n, (slot + 1) * n);
        for (let i = 2; i < n; i++) {
          topSpeed = Math.max(topSpeed, Math.hypot(x[i]! - x[i - 1]!, y[i]! - y[i - 1]!) / dt);
          const ax = (x[i]! - 2 * x[i - 1]! + x[i - 2]!) / dt ** 2;
          const ay = (y[i]! - 2 * y[i - 1]! + y[i - 2]!) / dt ** 2;
          topAcceleration = Math.max(topAcceleration, Math.hypot(ax, ay));
          furthest = { x: Math.max(furthest.x, Math.abs(x[i]!)), y: Math.max(furthest.y, Math.abs(y[i]!)) };
        }
      }
    }
    expect(topSpeed).toBeLessThanOrEqual(MAX_PLAYER_SPEED + 0.15);
    expect(topSpeed).toBeGreaterThan(7);
    // Positions are rounded to the centimetre: up to 4 × 0.5 cm / (0.1 s)² = 2 m/s² of noise per axis.
    expect(topAcceleration).toBeLessThanOrEqual(MAX_ACCELERATION + 2 * Math.SQRT2 + 0.01);
    expect(furthest.x).toBeLessThan(PITCH.length / 2 + 5);
    expect(furthest.y).toBeLessThan(PITCH.width / 2 + 5);
  });

  it('writes events that agree with the frames: passes start at the ball, goals make the score', () => {
    const period = match.tracking.periods[0]!;
    const passes = match.events.filter((e) => e.type === 'PASS' && e.period === 1);
    expect(passes.length).toBeGreaterThan(20);
    for (const pass of passes) {
      const i = pass.frame! - period.frames[0]!;
      expect(Math.hypot(period.ballX[i]! - pass.x!, period.ballY[i]! - pass.y!)).toBeLessThan(1.5);
    }
    const goals = match.events.filter((e) => e.type === 'GOAL');
    expect(goals.filter((g) => g.teamId === 'h')).toHaveLength(match.homeScore);
    expect(goals.filter((g) => g.teamId === 'a')).toHaveLength(match.awayScore);
    expect(match.lineup).toHaveLength(22);
  });
});
