import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { MatchesContext } from '../context';
import { Match } from '../schema/match.type';
import { Player } from '../schema/player.type';
import {
  Heatmap,
  PlayerMatchStats,
  PlayerSeasonStats,
  PlayerStats,
  SpeedZoneDistance,
} from '../schema/stats.type';
import { computeHeatmap, SPEED_ZONES } from '../tracking/stats';
import { checkRange, DEFAULT_HEATMAP_COLUMNS, DEFAULT_HEATMAP_ROWS, MAX_HEATMAP_CELLS } from './limits';

function speedZones(stats: PlayerStats): SpeedZoneDistance[] {
  return SPEED_ZONES.map((zone, i) => ({
    zone: zone.name,
    minSpeed: zone.min,
    maxSpeed: Number.isFinite(zone.max) ? zone.max : null,
    distance: stats.zoneDistances[i] ?? 0,
  }));
}

@Resolver(() => PlayerMatchStats)
export class PlayerMatchStatsResolver {
  @FieldResolver(() => Player)
  player(@Root() stats: PlayerMatchStats, @Ctx() { loaders }: MatchesContext) {
    return loaders.player.load(stats.playerId);
  }

  @FieldResolver(() => Match)
  match(@Root() stats: PlayerMatchStats, @Ctx() { loaders }: MatchesContext) {
    return loaders.match.load(stats.matchId);
  }

  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [SpeedZoneDistance], { description: 'Metres covered in each speed zone.' })
  speedZones(@Root() stats: PlayerMatchStats) {
    return speedZones(stats);
  }

  @FieldResolver(() => Heatmap, {
    nullable: true,
    description: `Frames spent in each cell of a columns × rows grid over the pitch (each at most ${MAX_HEATMAP_CELLS}).`,
  })
  async heatmap(
    @Root() stats: PlayerMatchStats,
    @Ctx() { loaders }: MatchesContext,
    @Arg('columns', () => Int, { defaultValue: DEFAULT_HEATMAP_COLUMNS })
    columns: number = DEFAULT_HEATMAP_COLUMNS,
    @Arg('rows', () => Int, { defaultValue: DEFAULT_HEATMAP_ROWS }) rows: number = DEFAULT_HEATMAP_ROWS,
  ): Promise<Heatmap | null> {
    checkRange('columns', columns, 1, MAX_HEATMAP_CELLS);
    checkRange('rows', rows, 1, MAX_HEATMAP_CELLS);
    const [match, lineup] = await Promise.all([
      loaders.match.load(stats.matchId),
      loaders.lineupByMatch.load(stats.matchId),
    ]);
    const slot = lineup.find((e) => e.playerId === stats.playerId)?.slot;
    if (!match || slot === undefined || slot === null) return null;
    const trajectory = await loaders.trajectory.load({ matchId: stats.matchId, slot });
    if (!trajectory) return null;
    const pitch = { length: match.pitchLength, width: match.pitchWidth };
    return { columns, rows, counts: computeHeatmap(trajectory.periods, pitch, columns, rows) };
  }
}

@Resolver(() => PlayerSeasonStats)
export class PlayerSeasonStatsResolver {
  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [SpeedZoneDistance], { description: 'Metres covered in each speed zone.' })
  speedZones(@Root() stats: PlayerSeasonStats) {
    return speedZones(stats);
  }
}
