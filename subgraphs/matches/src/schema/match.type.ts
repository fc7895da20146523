import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
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
@ObjectType()
export class MatchEdge {
  @Field(() => Match)
  node!: Match;

  @Field(() => String, { description: 'Pass as `after` to get the matches following this one.' })
  cursor!: string;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@ObjectType({ description: 'A page of matches.' })
export class MatchConnection {
  @Field(() => [MatchEdge])
  edges!: MatchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
