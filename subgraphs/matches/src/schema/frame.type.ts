import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AS_ITS_MATCH } from './cache-hints';

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'Where the ball is, in metres from the centre spot; z is the height.' })
export class BallPosition {
  @Field(() => Float, { nullable: true })
  x!: number | null;

  @Field(() => Float, { nullable: true })
  y!: number | null;

  @Field(() => Float, { nullable: true })
  z!: number | null;

  @Field(() => Boolean, { description: 'False when the provider extrapolated the position.' })
  detected!: boolean;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: "A player's position in one frame." })
export class PlayerPosition {
  @Field(() => ID)
  playerId!: string;

  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;

  @Field(() => Boolean, { description: 'False when the provider extrapolated the position.' })
  detected!: boolean;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'Every tracked object at one instant.' })
export class Frame {
  @Field(() => Int)
  frame!: number;

  @Field(() => Int)
  period!: number;

  @Field(() => Float, { description: 'Seconds since the start of the period.' })
  time!: number;

  @Field(() => BallPosition)
  ball!: BallPosition;

  @Field(() => ID, { nullable: true, description: 'The team in possession, when known.' })
  possessionTeamId!: string | null;

  @Directive('@listSize(assumedSize: 22)')
  @Field(() => [PlayerPosition], { description: 'Players on the pitch; players not on it are left out.' })
  players!: PlayerPosition[];

  @Field(() => Date, {
    nullable: true,
    description: 'When a live frame was published; null for stored frames.',
  })
  publishedAt!: Date | null;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: "A player's positions in a match, as parallel lists (one entry per frame)." })
export class Trajectory {
  @Field(() => ID)
  playerId!: string;

  @Field(() => [Int])
  periods!: number[];

  @Field(() => [Int])
  frames!: number[];

  @Field(() => [Float], { description: 'Seconds since the start of the period.' })
  times!: number[];

  @Field(() => [Float])
  x!: number[];

  @Field(() => [Float])
  y!: number[];

  @Field(() => [Boolean])
  detected!: boolean[];
}
