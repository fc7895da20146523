import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { SENSOR_CATALOG } from './cache-hints';

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(SENSOR_CATALOG)
@ObjectType({ description: "A channel in an engine model's sensor catalog." })
export class Sensor {
  @Field(() => ID, { description: 'Engine model and channel name, e.g. TF-90.T30.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'Unit of the readings; empty for ratios.' })
  unit!: string;

  @Field(() => Float, { description: 'Lowest reading expected in normal operation.' })
  normalMin!: number;

  @Field(() => Float, { description: 'Highest reading expected in normal operation.' })
  normalMax!: number;
}
