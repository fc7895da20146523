import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Billing owns customers; this subgraph adds the aircraft a customer operates. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Customer {
  @Field(() => ID)
  id!: string;
}
