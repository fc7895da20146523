import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["matches:read"]])')
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

  homeTeamId!: string;
  awayTeamId!: string;
  broadcasterId!: string | null;
}
