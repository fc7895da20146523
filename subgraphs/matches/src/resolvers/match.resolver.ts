import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import type { MatchesContext } from '../context';
import { EventType } from '../ingest/bundle';
import { buildFrame } from '../tracking/frames';
import { sampleIndices } from '../tracking/sampling';
import { Season } from '../schema/competition.type';
import { Customer } from '../schema/customer.type';
import { MatchEvent, Phase } from '../schema/event.type';
import { Frame, Trajectory } from '../schema/frame.type';
import { LineupEntry, Period, Pitch } from '../schema/lineup.type';
import { Match, MatchConnection } from '../schema/match.type';
import { PlayerMatchStats, TeamPossession } from '../schema/stats.type';
import { Team } from '../schema/team.type';
import { decodeCursor, encodeCursor } from './cursor';
import {
  checkEvery,
  checkRange,
  checkWindow,
  DEFAULT_EVENTS,
  DEFAULT_MATCHES,
  MAX_EVENTS,
  MAX_FRAME_WINDOW_SECONDS,
  MAX_MATCHES,
} from './limits';

@InputType({ description: 'Narrows a list of matches; every field given must hold.' })
export class MatchFilterInput {
  @Field(() => ID, { nullable: true })
  seasonId?: string;

  @Field(() => ID, { nullable: true })
  competitionId?: string;

  @Field(() => ID, { nullable: true, description: 'Matches this team plays, home or away.' })
  teamId?: string;

  @Field(() => Date, { nullable: true, description: 'Kick-off at or after.' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Kick-off before.' })
  to?: Date;
}

@Resolver(() => Match)
export class MatchResolver {
  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @RequiresScopes('matches:read')
  @Query(() => [Match], { description: `Matches in kick-off order; at most ${MAX_MATCHES}.` })
  matches(
    @Arg('first', () => Int, { defaultValue: DEFAULT_MATCHES }) first: number,
    @Arg('filter', () => MatchFilterInput, { nullable: true }) filter: MatchFilterInput | undefined,
    @Ctx() { store }: MatchesContext,
  ) {
    checkRange('first', first, 1, MAX_MATCHES);
    return store.listMatches(first, filter ?? {});
  }

  @Directive(
    '@listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)',
  )
  @RequiresScopes('matches:read')
  @Query(() => MatchConnection, {
    description: `Matches in kick-off order, a page at a time: pass the last cursor as after. At most ${MAX_MATCHES} a page.`,
  })
  async matchConnection(
    @Arg('first', () => Int, { defaultValue: DEFAULT_MATCHES }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Arg('filter', () => MatchFilterInput, { nullable: true }) filter: MatchFilterInput | undefined,
    @Ctx() { store }: MatchesContext,
  ): Promise<MatchConnection> {
    checkRange('first', first, 1, MAX_MATCHES);
    const cursor = after === undefined ? null : decodeCursor(after);
    const rows = await store.listMatches(first + 1, filter ?? {}, cursor);
    const page = rows.slice(0, first);
    return {
      edges: page.map((node) => ({ node, cursor: encodeCursor(node) })),
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: page.length > 0 ? encodeCursor(page[page.length - 1]!) : null,
      },
    };
  }

  @RequiresScopes('matches:read')
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

  @FieldResolver(() => Season, { nullable: true })
  season(@Root() match: Match, @Ctx() { loaders }: MatchesContext) {
    return match.seasonId ? loaders.season.load(match.seasonId) : null;
  }

  @FieldResolver(() => Pitch)
  pitch(@Root() match: Match): Pitch {
    return { length: match.pitchLength, width: match.pitchWidth };
  }

  @Directive('@listSize(assumedSize: 2)')
  @FieldResolver(() => [Period])
  periods(@Root() match: Match, @Ctx() { loaders }: MatchesContext) {
    return loaders.periodsByMatch.load(match.id);
  }

  @Directive('@listSize(assumedSize: 40)')
  @FieldResolver(() => [LineupEntry], { description: 'Both squads: starters first, then by shirt number.' })
  async lineup(
    @Root() match: Match,
    @Arg('teamId', () => ID, { nullable: true }) teamId: string | undefined,
    @Ctx() { loaders }: MatchesContext,
  ) {
    const entries = await loaders.lineupByMatch.load(match.id);
    return teamId ? entries.filter((e) => e.teamId === teamId) : entries;
  }

  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @FieldResolver(() => [MatchEvent], {
    description: `Events in time order, filtered by every argument given; at most ${MAX_EVENTS}.`,
  })
  async events(
    @Root() match: Match,
    @Ctx() { loaders }: MatchesContext,
    @Arg('types', () => [EventType], { nullable: true }) types?: EventType[],
    @Arg('playerId', () => ID, { nullable: true }) playerId?: string,
    @Arg('teamId', () => ID, { nullable: true }) teamId?: string,
    @Arg('period', () => Int, { nullable: true }) period?: number,
    @Arg('from', () => Float, { nullable: true, description: 'Seconds into the period, inclusive.' })
    from?: number,
    @Arg('to', () => Float, { nullable: true, description: 'Seconds into the period, inclusive.' })
    to?: number,
    @Arg('first', () => Int, { defaultValue: DEFAULT_EVENTS }) first: number = DEFAULT_EVENTS,
  ) {
    checkRange('first', first, 1, MAX_EVENTS);
    checkWindow(from, to);
    const events = await loaders.events.load({
      matchId: match.id,
      filter: { types, playerId, teamId, period, from, to },
    });
    return events.slice(0, first);
  }

  @Directive('@listSize(assumedSize: 500)')
  @FieldResolver(() => [Phase])
  phases(@Root() match: Match, @Ctx() { loaders }: MatchesContext) {
    return loaders.phasesByMatch.load(match.id);
  }

  @Directive('@listSize(assumedSize: 2)')
  @FieldResolver(() => [TeamPossession], { description: 'Time each team had the ball, from the tracking.' })
  async possession(@Root() match: Match, @Ctx() { loaders }: MatchesContext): Promise<TeamPossession[]> {
    const rows = await loaders.possessionByMatch.load(match.id);
    const total = rows.reduce((sum, r) => sum + r.seconds, 0);
    return rows.map((r) => ({
      teamId: r.teamId,
      seconds: r.seconds,
      share: total > 0 ? r.seconds / total : 0,
    }));
  }

  @Directive('@listSize(assumedSize: 40)')
  @FieldResolver(() => [PlayerMatchStats], {
    description: 'Stats of the given players (every tracked player when omitted), in lineup order.',
  })
  async playerStats(
    @Root() match: Match,
    @Arg('playerIds', () => [ID], { nullable: true }) playerIds: string[] | undefined,
    @Ctx() { loaders }: MatchesContext,
  ) {
    const ids = playerIds ?? (await loaders.lineupByMatch.load(match.id)).map((e) => e.playerId);
    const stats = await Promise.all(
      ids.map((playerId) => loaders.playerMatchStats.load({ matchId: match.id, playerId })),
    );
    return stats.filter((s) => s !== null);
  }

  @Directive('@listSize(assumedSize: 100)')
  @FieldResolver(() => [Frame], {
    description: `Frames of one period between from and to (seconds into the period, at most ${MAX_FRAME_WINDOW_SECONDS} s apart), one every \`every\` seconds (default: every frame).`,
  })
  async frames(
    @Root() match: Match,
    @Arg('from', () => Float) from: number,
    @Arg('to', () => Float) to: number,
    @Ctx() { store, loaders }: MatchesContext,
    @Arg('period', () => Int, { defaultValue: 1 }) period: number = 1,
    @Arg('every', () => Float, { nullable: true }) every?: number,
  ): Promise<Frame[]> {
    checkWindow(from, to, MAX_FRAME_WINDOW_SECONDS);
    checkEvery(every, match.frameRate);
    const periods = await loaders.periodsByMatch.load(match.id);
    const bounds = periods.find((p) => p.period === period);
    if (!bounds) return [];
    // Frame numbers run on from the period's first frame; a margin of a frame absorbs rounding.
    const fromFrame = bounds.startFrame + Math.floor(from * match.frameRate) - 1;
    const toFrame = bounds.startFrame + Math.ceil(to * match.frameRate) + 1;
    const window = await store.frameWindow(match.id, period, fromFrame, toFrame);
    if (!window) return [];
    const lineup = await loaders.lineupByMatch.load(match.id);
    const teams = { home: match.homeTeamId, away: match.awayTeamId };
    return sampleIndices(window.times, from, to, every).map((i) =>
      buildFrame(window, i, period, lineup, teams),
    );
  }

  @FieldResolver(() => Trajectory, {
    nullable: true,
    description: "A player's positions over the whole match (null when the player was not tracked in it).",
  })
  async trajectory(
    @Root() match: Match,
    @Arg('playerId', () => ID) playerId: string,
    @Ctx() { loaders }: MatchesContext,
    @Arg('every', () => Float, { nullable: true }) every?: number,
  ): Promise<Trajectory | null> {
    checkEvery(every, match.frameRate);
    const entry = (await loaders.lineupByMatch.load(match.id)).find((e) => e.playerId === playerId);
    if (entry?.slot === null || entry === undefined) return null;
    const record = await loaders.trajectory.load({ matchId: match.id, slot: entry.slot });
    if (!record) return null;
    const out: Trajectory = { playerId, periods: [], frames: [], times: [], x: [], y: [], detected: [] };
    for (const p of record.periods) {
      for (const i of sampleIndices(p.times, 0, Infinity, every)) {
        const x = p.x[i]!;
        const y = p.y[i]!;
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        out.periods.push(p.period);
        out.frames.push(p.frames[i]!);
        out.times.push(round(p.times[i]!));
        out.x.push(x);
        out.y.push(y);
        out.detected.push(p.detected[i] === 1);
      }
    }
    return out;
  }
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
