import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FLEET } from './cache-hints';

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(FLEET)
@ObjectType({ description: 'An aircraft in an operator’s fleet.' })
export class Aircraft {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Civil registration mark, e.g. EI-ABC.' })
  registration!: string;

  @Field(() => String, { description: 'Aircraft type, e.g. A320neo.' })
  type!: string;

  operatorId!: string;
  fleetId!: string | null;
}
