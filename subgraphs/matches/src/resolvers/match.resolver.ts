import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { codedError } from '@meridian/schema';
import type { MatchesContext } from '../context';
import { Customer } from '../schema/customer.type';
import { Match } from '../schema/match.type';
import { Team } from '../schema/team.type';

/** Most matches one `matches` query returns. */
export const MAX_MATCHES = 100;

@Resolver(() => Match)
export class MatchResolver {
  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @Query(() => [Match], { description: `Matches in kick-off order; at most ${MAX_MATCHES}.` })
  matches(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() { store }: MatchesContext) {
    if (first < 1 || first > MAX_MATCHES) {
      throw codedError('BAD_USER_INPUT', `first must be between 1 and ${MAX_MATCHES}, got ${first}`, {
        argument: 'first',
      });
    }
    return store.listMatches(first);
  }

  @Query(() => Match, { nullable: true })
  match(@Arg('id', () => ID) id: string, @Ctx() { loaders }: MatchesContext) {
    return loaders.match.load(id);
  }

  @FieldResolver(() => Team)
  homeTeam(@Root() match: Match, @Ctx() { loaders }: MatchesContext) {
    return loaders.team.load(match.homeTeamId);
  }

  @FieldResolver(() => Team)
  awayTeam(@Root() match: Match, @Ctx() { loaders }: MatchesContext) {
    return loaders.team.load(match.awayTeamId);
  }

  @FieldResolver(() => Customer, {
    nullable: true,
    description: 'The customer holding the broadcast rights.',
  })
  broadcaster(@Root() match: Match): Customer | null {
    return match.broadcasterId ? { id: match.broadcasterId } : null;
  }
}
