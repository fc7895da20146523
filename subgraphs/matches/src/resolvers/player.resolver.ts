import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import type { MatchesContext } from '../context';
import { Player } from '../schema/player.type';
import { PlayerSeasonStats } from '../schema/stats.type';
import { Team } from '../schema/team.type';

@Resolver(() => Player)
export class PlayerResolver {
  @RequiresScopes('matches:read')
  @Query(() => Player, { nullable: true })
  player(@Arg('id', () => ID) id: string, @Ctx() { loaders }: MatchesContext) {
    return loaders.player.load(id);
  }

  @FieldResolver(() => Team)
  team(@Root() player: Player, @Ctx() { loaders }: MatchesContext) {
    return loaders.team.load(player.teamId);
  }

  @FieldResolver(() => PlayerSeasonStats, {
    nullable: true,
    description: 'Stats summed over the tracked matches of a season; null when the player has none in it.',
  })
  seasonStats(
    @Root() player: Player,
    @Arg('seasonId', () => ID) seasonId: string,
    @Ctx() { loaders }: MatchesContext,
  ) {
    return loaders.playerSeasonStats.load({ playerId: player.id, seasonId });
  }
}
