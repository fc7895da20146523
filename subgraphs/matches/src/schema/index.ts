/** The matches subgraph schema: type-graphql classes turned into a Federation 2 subgraph. */
import { buildFederatedSchema, createPubSub } from '@meridian/kit';
import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import type { MatchesContext } from '../context';
import { CompetitionResolver, SeasonResolver } from '../resolvers/competition.resolver';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { LiveResolver } from '../resolvers/live.resolver';
import {
  LineupEntryResolver,
  MatchEventResolver,
  PhaseResolver,
  TeamPossessionResolver,
} from '../resolvers/lineup.resolver';
import { MatchResolver } from '../resolvers/match.resolver';
import { PlayerResolver } from '../resolvers/player.resolver';
import { customerReference, matchReference, playerReference, teamReference } from '../resolvers/references';
import { PlayerMatchStatsResolver, PlayerSeasonStatsResolver } from '../resolvers/stats.resolver';
import { TeamResolver } from '../resolvers/team.resolver';
import { matchCacheHint } from './cache-hints';

/**
 * Subscriptions read from the context's pub/sub; type-graphql still insists on one at build time, so schema
 * composition and unit tests get an in-process one.
 */
export async function buildMatchesSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildFederatedSchema<MatchesContext>(
    {
      resolvers: [
        MatchResolver,
        TeamResolver,
        PlayerResolver,
        CustomerResolver,
        CompetitionResolver,
        SeasonResolver,
        LineupEntryResolver,
        MatchEventResolver,
        PhaseResolver,
        TeamPossessionResolver,
        PlayerMatchStatsResolver,
        PlayerSeasonStatsResolver,
        LiveResolver,
      ],
      pubSub: pubSub ?? (await createPubSub()),
    },
    { Match: matchReference, Team: teamReference, Player: playerReference, Customer: customerReference },
    // Everything matches defines is read with matches:read; Customer is billing's, extended here.
    { scopes: [['matches:read']], except: ['Customer'] },
    // A match is kept an hour once it is over, seconds until then, wherever an answer reaches it.
    { Match: matchCacheHint },
  );
}
