/** The GraphQL types of live readings. */
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One sensor over one interval of a live subscription.' })
export class SensorSummary {
  @Field(() => String)
  sensor!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;

  @Field(() => Float)
  mean!: number;

  @Field(() => Float, { description: 'The newest reading of the interval.' })
  last!: number;

  @Field(() => Date)
  lastTime!: Date;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@ObjectType({
  description: 'The readings of an interval, downsampled: one summary per sensor that sent any.',
})
export class ReadingFrame {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => [SensorSummary])
  sensors!: SensorSummary[];
}
