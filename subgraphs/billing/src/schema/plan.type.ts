import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PLAN_CATALOG } from './cache-hints';

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(PLAN_CATALOG)
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

  @Field(() => Int, { description: 'Cost points (the static cost of operations) allowed per minute.' })
  costPointsPerMinute!: number;

  @Field(() => Int, { description: 'Operations included each calendar month.' })
  monthlyQuota!: number;

  @Field(() => Int, { description: 'Subscriptions a partner may hold open at once.' })
  concurrentSubscriptions!: number;

  @Field(() => [String], { description: 'Scopes keys on this plan may be given.' })
  allowedScopes!: string[];

  @Field(() => Int, { description: 'Euro cents for each started thousand operations beyond the quota.' })
  overageCentsPerThousand!: number;
}

@InputType({ description: 'A new plan. Prices in euro cents; every limit a whole number ≥ 0.' })
export class PlanInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  monthlyPriceCents!: number;

  @Field(() => Int)
  requestsPerMinute!: number;

  @Field(() => Int)
  costPointsPerMinute!: number;

  @Field(() => Int)
  monthlyQuota!: number;

  @Field(() => Int)
  concurrentSubscriptions!: number;

  @Field(() => [String])
  allowedScopes!: string[];

  @Field(() => Int)
  overageCentsPerThousand!: number;
}
