import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { AS_ITS_MATCH } from './cache-hints';

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'A player named in a match squad.' })
export class LineupEntry {
  @Field(() => Int)
  shirtNumber!: number;

  @Field(() => String, { description: 'Role in this match as the data provider names it (CF, LB, …).' })
  role!: string;

  @Field(() => Boolean)
  starter!: boolean;

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
