import { Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import type { MatchesContext } from '../context';
import { Competition, Season } from '../schema/competition.type';

@Resolver(() => Competition)
export class CompetitionResolver {
  @Directive('@listSize(assumedSize: 50)')
  @RequiresScopes('matches:read')
  @Query(() => [Competition], { description: 'Every competition, by name.' })
  competitions(@Ctx() { store }: MatchesContext) {
    return store.listCompetitions();
  }

  @Directive('@listSize(assumedSize: 20)')
  @FieldResolver(() => [Season])
  seasons(@Root() competition: Competition, @Ctx() { loaders }: MatchesContext) {
    return loaders.seasonsByCompetition.load(competition.id);
  }
}

@Resolver(() => Season)
export class SeasonResolver {
  @FieldResolver(() => Competition)
  competition(@Root() season: Season, @Ctx() { loaders }: MatchesContext) {
    return loaders.competition.load(season.competitionId);
  }
}
