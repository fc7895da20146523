import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MatchesContext } from '../context';
import { Customer } from '../schema/customer.type';
import { Match } from '../schema/match.type';

@Resolver(() => Customer)
export class CustomerResolver {
  @Directive('@requiresScopes(scopes: [["matches:read"]])')
  @FieldResolver(() => [Match], { description: 'Matches this customer broadcasts, in kick-off order.' })
  broadcasts(@Root() customer: Customer, @Ctx() { loaders }: MatchesContext) {
    return loaders.matchesByBroadcaster.load(customer.id);
  }
}
