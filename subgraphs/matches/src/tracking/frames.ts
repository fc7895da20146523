/** One frame of a decoded window as the API shows it: the ball, the team in possession and each player. */
import type { FrameWindowRecord, LineupRecord } from '../store';
import { PossessionSide } from './model';

export interface FramePayload {
  frame: number;
  period: number;
  time: number;
  ball: { x: number | null; y: number | null; z: number | null; detected: boolean };
  possessionTeamId: string | null;
  players: { playerId: string; x: number; y: number; detected: boolean }[];
  /** When a live frame was published; null for stored frames read by a query. */
  publishedAt: Date | null;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
const nullable = (value: number) => (Number.isNaN(value) ? null : value);

export function buildFrame(
  window: FrameWindowRecord,
  i: number,
  period: number,
  lineup: readonly LineupRecord[],
  teams: { home: string; away: string },
): FramePayload {
  const possession = window.possession[i];
  return {
    frame: window.frames[i]!,
    period,
    time: round(window.times[i]!),
    ball: {
      x: nullable(window.ballX[i]!),
      y: nullable(window.ballY[i]!),
      z: nullable(window.ballZ[i]!),
      detected: window.ballDetected[i] === 1,
    },
    possessionTeamId:
      possession === PossessionSide.HOME
        ? teams.home
        : possession === PossessionSide.AWAY
          ? teams.away
          : null,
    players: lineup.flatMap((entry) => {
      const slot = entry.slot === null ? undefined : window.slots.get(entry.slot);
      const x = slot?.x[i];
      const y = slot?.y[i];
      if (slot === undefined || x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y))
        return [];
      return [{ playerId: entry.playerId, x, y, detected: slot.detected[i] === 1 }];
    }),
    publishedAt: null,
  };
}
