import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { FLEET } from './cache-hints';

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(FLEET)
@ObjectType({ description: 'An engine installed on an aircraft.' })
export class Engine {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Position on the wing, 1 = leftmost seen from behind.' })
  position!: number;

  @Field(() => String)
  model!: string;

  @Field(() => String)
  serial!: string;

  aircraftId!: string;
}
