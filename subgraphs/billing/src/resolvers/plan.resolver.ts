import { Ctx, Query, Resolver } from 'type-graphql';
import type { BillingContext } from '../context';
import { Plan } from '../schema/plan.type';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'The plans on offer, cheapest first.' })
  plans(@Ctx() { store }: BillingContext) {
    return store.listPlans();
  }
}
