import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { REFERENCE_DATA } from './cache-hints';

/** Billing owns customers; this subgraph adds the matches a customer broadcasts. */
@Directive('@key(fields: "id")')
@CacheHint(REFERENCE_DATA)
@ObjectType()
export class Customer {
  @Field(() => ID)
  id!: string;
}
