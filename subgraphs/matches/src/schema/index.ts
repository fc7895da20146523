/** The matches subgraph schema: type-graphql classes turned into a Federation 2 subgraph. */
import { buildFederatedSchema } from '@meridian/kit';
import type { GraphQLSchema } from 'graphql';
import type { MatchesContext } from '../context';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { MatchResolver } from '../resolvers/match.resolver';
import { PlayerResolver } from '../resolvers/player.resolver';
import { customerReference, matchReference, playerReference, teamReference } from '../resolvers/references';
import { TeamResolver } from '../resolvers/team.resolver';

export function buildMatchesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<MatchesContext>(
    { resolvers: [MatchResolver, TeamResolver, PlayerResolver, CustomerResolver] },
    { Match: matchReference, Team: teamReference, Player: playerReference, Customer: customerReference },
  );
}
