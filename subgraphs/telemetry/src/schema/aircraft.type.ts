import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@ObjectType({ description: 'An aircraft in an operator’s fleet.' })
export class Aircraft {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Civil registration mark, e.g. EI-ABC.' })
  registration!: string;

  @Field(() => String, { description: 'Aircraft type, e.g. A320neo.' })
  type!: string;

  operatorId!: string;
}
