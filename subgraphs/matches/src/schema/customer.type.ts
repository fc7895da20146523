import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Billing owns customers; this subgraph adds the matches a customer broadcasts. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Customer {
  @Field(() => ID)
  id!: string;
}
