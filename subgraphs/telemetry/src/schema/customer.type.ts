import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FLEET } from './cache-hints';

/** Billing owns customers; this subgraph adds the aircraft a customer operates. */
@Directive('@key(fields: "id")')
@CacheHint(FLEET)
@ObjectType()
export class Customer {
  @Field(() => ID)
  id!: string;
}
