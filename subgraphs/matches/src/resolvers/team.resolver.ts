import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import type { MatchesContext } from '../context';
import { Match } from '../schema/match.type';
import { Player } from '../schema/player.type';
import { Team } from '../schema/team.type';

@Resolver(() => Team)
export class TeamResolver {
  @RequiresScopes('matches:read')
  @Query(() => [Team], { description: 'Every team, by name.' })
  teams(@Ctx() { store }: MatchesContext) {
    return store.listTeams();
  }

  @RequiresScopes('matches:read')
  @Query(() => Team, { nullable: true })
  team(@Arg('id', () => ID) id: string, @Ctx() { loaders }: MatchesContext) {
    return loaders.team.load(id);
  }

  @Directive('@listSize(assumedSize: 30)')
  @FieldResolver(() => [Player], { description: 'The squad, by shirt number.' })
  players(@Root() team: Team, @Ctx() { loaders }: MatchesContext) {
    return loaders.playersByTeam.load(team.id);
  }

  @FieldResolver(() => [Match], { description: 'Home and away matches, in kick-off order.' })
  matches(@Root() team: Team, @Ctx() { loaders }: MatchesContext) {
    return loaders.matchesByTeam.load(team.id);
  }
}
