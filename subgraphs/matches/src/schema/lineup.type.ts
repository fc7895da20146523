import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { AS_ITS_MATCH } from './cache-hints';

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'A moment of a match.' })
export class MatchMoment {
  @Field(() => Int)
  period!: number;

  @Field(() => Float, { description: 'Seconds since the start of the period.' })
  time!: number;

  @Field(() => Int, { nullable: true, description: 'The tracking frame, when the provider gives it.' })
  frame!: number | null;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'A player named in a match squad.' })
export class LineupEntry {
  @Field(() => Int)
  shirtNumber!: number;

  @Field(() => String, {
    description:
      'Role in this match as the data provider names it (CF, LB, …; SUB for an unused substitute).',
  })
  role!: string;

  @Field(() => Boolean)
  starter!: boolean;

  @Field(() => MatchMoment, {
    nullable: true,
    description:
      'When a substitute came on; null for a starter and for a substitute who stayed on the bench.',
  })
  cameOn!: MatchMoment | null;

  @Field(() => MatchMoment, {
    nullable: true,
    description: 'When the player left the pitch before the end (substituted or sent off); null otherwise.',
  })
  wentOff!: MatchMoment | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Yellow cards shown; null when the data provider does not say.',
  })
  yellowCards!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Red cards shown; null when the data provider does not say.',
  })
  redCards!: number | null;

  matchId!: string;
  playerId!: string;
  teamId!: string;
  slot!: number | null;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'A period of play and the frames it spans.' })
export class Period {
  @Field(() => Int)
  period!: number;

  @Field(() => Int)
  startFrame!: number;

  @Field(() => Int)
  endFrame!: number;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'Pitch size in metres. Coordinates have their origin at the centre spot.' })
export class Pitch {
  @Field(() => Float)
  length!: number;

  @Field(() => Float)
  width!: number;
}
