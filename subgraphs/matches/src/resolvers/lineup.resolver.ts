import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MatchesContext } from '../context';
import { MatchEvent, Phase } from '../schema/event.type';
import { LineupEntry } from '../schema/lineup.type';
import { Match } from '../schema/match.type';
import { Player } from '../schema/player.type';
import { PlayerMatchStats, TeamPossession } from '../schema/stats.type';
import { Team } from '../schema/team.type';

@Resolver(() => LineupEntry)
export class LineupEntryResolver {
  @FieldResolver(() => Player)
  player(@Root() entry: LineupEntry, @Ctx() { loaders }: MatchesContext) {
    return loaders.player.load(entry.playerId);
  }

  @FieldResolver(() => Team)
  team(@Root() entry: LineupEntry, @Ctx() { loaders }: MatchesContext) {
    return loaders.team.load(entry.teamId);
  }

  @FieldResolver(() => PlayerMatchStats, {
    nullable: true,
    description: 'Null when the player was not tracked.',
  })
  stats(@Root() entry: LineupEntry, @Ctx() { loaders }: MatchesContext) {
    return loaders.playerMatchStats.load({ matchId: entry.matchId, playerId: entry.playerId });
  }
}

@Resolver(() => MatchEvent)
export class MatchEventResolver {
  @FieldResolver(() => Match, { description: 'The match the event belongs to.' })
  async match(@Root() event: MatchEvent, @Ctx() { loaders }: MatchesContext) {
    const match = await loaders.match.load(event.matchId);
    if (!match) throw new Error(`event ${event.id} refers to missing match ${event.matchId}`);
    return match;
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() event: MatchEvent, @Ctx() { loaders }: MatchesContext) {
    return event.teamId ? loaders.team.load(event.teamId) : null;
  }

  @FieldResolver(() => Player, { nullable: true })
  player(@Root() event: MatchEvent, @Ctx() { loaders }: MatchesContext) {
    return event.playerId ? loaders.player.load(event.playerId) : null;
  }

  @FieldResolver(() => Player, { nullable: true, description: 'Who received a completed pass.' })
  receiver(@Root() event: MatchEvent, @Ctx() { loaders }: MatchesContext) {
    return event.receiverId ? loaders.player.load(event.receiverId) : null;
  }

  @FieldResolver(() => Player, {
    nullable: true,
    description:
      'The player a pass was aimed at, whether or not it arrived (the same as `receiver` for a completed pass).',
  })
  target(@Root() event: MatchEvent, @Ctx() { loaders }: MatchesContext) {
    return event.targetId ? loaders.player.load(event.targetId) : null;
  }

  @FieldResolver(() => Player, {
    nullable: true,
    description:
      "The opponent the event's player engaged, such as the ball carrier an on-ball engagement pressed.",
  })
  opponent(@Root() event: MatchEvent, @Ctx() { loaders }: MatchesContext) {
    return event.opponentId ? loaders.player.load(event.opponentId) : null;
  }
}

@Resolver(() => Phase)
export class PhaseResolver {
  @FieldResolver(() => Team, { nullable: true, description: 'The team in possession.' })
  team(@Root() phase: Phase, @Ctx() { loaders }: MatchesContext) {
    return phase.teamId ? loaders.team.load(phase.teamId) : null;
  }
}

@Resolver(() => TeamPossession)
export class TeamPossessionResolver {
  @FieldResolver(() => Team)
  team(@Root() possession: TeamPossession, @Ctx() { loaders }: MatchesContext) {
    return loaders.team.load(possession.teamId);
  }
}
