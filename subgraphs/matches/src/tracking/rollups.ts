/** The rollups written with a match's tracking: each tracked player's stats and each team's possession. */
import type { LineupInput } from '../ingest/bundle';
import { PossessionSide, type Tracking, type TrackingPeriod } from './model';
import { computePlayerStats, type PlayerSeries, type PlayerStats } from './stats';

export interface PlayerRollup extends PlayerStats {
  readonly playerId: string;
  readonly teamId: string;
}

/** One slot's positions in every period, as views into the tracking (no copies). */
function slotSeries(periods: readonly TrackingPeriod[], slot: number): PlayerSeries[] {
  return periods.map((p) => {
    const n = p.frames.length;
    return {
      times: p.times,
      x: p.x.subarray(slot * n, (slot + 1) * n),
      y: p.y.subarray(slot * n, (slot + 1) * n),
    };
  });
}

export function computePlayerRollups(tracking: Tracking, lineup: readonly LineupInput[]): PlayerRollup[] {
  return lineup
    .filter((entry) => entry.slot !== null)
    .map((entry) => ({
      playerId: entry.playerId,
      teamId: entry.teamId,
      ...computePlayerStats(slotSeries(tracking.periods, entry.slot as number)),
    }));
}

/** Seconds of ball possession of the home and away teams, from the per-frame possession flags. */
export function computePossession(tracking: Tracking): { home: number; away: number } {
  let home = 0;
  let away = 0;
  for (const period of tracking.periods) {
    for (const side of period.possession) {
      if (side === PossessionSide.HOME) home++;
      else if (side === PossessionSide.AWAY) away++;
    }
  }
  return { home: home / tracking.frameRate, away: away / tracking.frameRate };
}
