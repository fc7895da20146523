import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EventType } from '../ingest/bundle';
import { AS_ITS_MATCH } from './cache-hints';

registerEnumType(EventType, { name: 'EventType', description: 'Kinds of match events.' });

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'Something that happened in a match, joined to the tracking by frame number.' })
export class MatchEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => EventType)
  type!: EventType;

  @Field(() => String, { description: "The data provider's own name for the event." })
  providerType!: string;

  @Field(() => Int)
  period!: number;

  @Field(() => Int, { nullable: true })
  frame!: number | null;

  @Field(() => Int, { nullable: true })
  endFrame!: number | null;

  @Field(() => Float, {
    description:
      "Seconds since the start of the period, from the provider's own start time of the event (for a " +
      'SkillCorner on-ball engagement, when the defender set off towards the ball carrier).',
  })
  time!: number;

  @Field(() => Float, { nullable: true, description: 'Metres from the centre spot along the pitch.' })
  x!: number | null;

  @Field(() => Float, { nullable: true, description: 'Metres from the centre spot across the pitch.' })
  y!: number | null;

  @Field(() => Float, { nullable: true })
  endX!: number | null;

  @Field(() => Float, { nullable: true })
  endY!: number | null;

  @Field(() => String, { nullable: true })
  outcome!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When a live event was published; null for stored events.',
  })
  publishedAt?: Date | null;

  matchId!: string;
  teamId!: string | null;
  playerId!: string | null;
  receiverId!: string | null;
  targetId!: string | null;
  opponentId!: string | null;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'A phase of play: a spell in which one team (or neither) has the ball.' })
export class Phase {
  @Field(() => Int)
  index!: number;

  @Field(() => Int)
  period!: number;

  @Field(() => Int)
  startFrame!: number;

  @Field(() => Int)
  endFrame!: number;

  @Field(() => String)
  type!: string;

  teamId!: string | null;
}
