import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AS_ITS_MATCH, FINISHED_MATCH } from './cache-hints';

/** Cached as a finished match; `matchCacheHint` shortens it for each match that is not over yet. */
@Directive('@key(fields: "id")')
@CacheHint(FINISHED_MATCH)
@ObjectType({ description: 'A football match between two teams.' })
export class Match {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  kickoff!: Date;

  @Field(() => String)
  venue!: string;

  @Field(() => Int)
  homeScore!: number;

  @Field(() => Int)
  awayScore!: number;

  @Field(() => Float, { description: 'Tracking frames per second (10 for SkillCorner, 25 for Metrica).' })
  frameRate!: number;

  @Field(() => String, { description: 'Where the data came from: generated, skillcorner, pff or metrica.' })
  source!: string;

  pitchLength!: number;
  pitchWidth!: number;
  seasonId!: string | null;
  homeTeamId!: string;
  awayTeamId!: string;
  broadcasterId!: string | null;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType()
export class MatchEdge {
  @Field(() => Match)
  node!: Match;

  @Field(() => String, { description: 'Pass as `after` to get the matches following this one.' })
  cursor!: string;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A root field's answer needs a lifetime of its own; each match on the page may shorten it. */
@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(FINISHED_MATCH)
@ObjectType({ description: 'A page of matches.' })
export class MatchConnection {
  @Field(() => [MatchEdge])
  edges!: MatchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
