import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@ObjectType({ description: 'What a partner pays and what it may use each month.' })
export class Plan {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: 'Monthly price in euro cents.' })
  monthlyPriceCents!: number;

  @Field(() => Int, { description: 'Requests allowed per minute for each key of the partner.' })
  requestsPerMinute!: number;

  @Field(() => Int, { description: 'Operations included each calendar month.' })
  monthlyQuota!: number;
}
