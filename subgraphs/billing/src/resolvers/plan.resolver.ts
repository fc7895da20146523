import { codedError } from '@meridian/schema';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, newId, RequiresScopes } from '@meridian/kit';
import { requireAdmin } from '../auth/principal';
import { knownScopes, managementScopes } from '../auth/scopes';
import type { BillingContext } from '../context';
import { Plan, PlanInput } from '../schema/plan.type';

const MAX_PLAN_NAME_LENGTH = 60;

@Resolver(() => Plan)
export class PlanResolver {
  @RequiresScopes('billing:read')
  @Query(() => [Plan], { description: 'The plans on offer, cheapest first.' })
  plans(@Ctx() { store }: BillingContext) {
    return store.listPlans();
  }

  @FieldResolver(() => [String], {
    description:
      "Scopes a key on this plan may be given: the plan's data scopes, and the scopes that manage the partner's keys (keys:manage), people (users:manage) and safelist (safelist:write), which every plan allows.",
  })
  keyScopes(@Root() plan: Plan): string[] {
    return [...plan.allowedScopes, ...managementScopes];
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Plan, { description: 'Adds a plan to the offer (admins).' })
  async createPlan(
    @Arg('input', () => PlanInput) input: PlanInput,
    @Ctx() { store, principal }: BillingContext,
  ) {
    requireAdmin(principal);
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_PLAN_NAME_LENGTH) {
      throw codedError('BAD_USER_INPUT', `name must be 1 to ${MAX_PLAN_NAME_LENGTH} characters`, {
        argument: 'input.name',
      });
    }
    const counts = [
      'monthlyPriceCents',
      'requestsPerMinute',
      'costPointsPerMinute',
      'monthlyQuota',
      'concurrentSubscriptions',
      'overageCentsPerThousand',
    ] as const;
    for (const field of counts) {
      if (input[field] < 0)
        throw codedError('BAD_USER_INPUT', `${field} must be ≥ 0`, { argument: `input.${field}` });
    }
    const unknown = input.allowedScopes.filter(
      (scope) => !(knownScopes as readonly string[]).includes(scope),
    );
    if (unknown.length > 0) {
      throw codedError(
        'BAD_USER_INPUT',
        `unknown scopes ${unknown.join(', ')}; known: ${knownScopes.join(', ')}`,
        {
          argument: 'input.allowedScopes',
        },
      );
    }
    if (await store.planByName(name)) {
      throw codedError('BAD_USER_INPUT', `a plan named ${name} exists`, { argument: 'input.name' });
    }
    const plan = { ...input, name, id: newId('plan'), allowedScopes: [...new Set(input.allowedScopes)] };
    await store.createPlan(plan);
    return plan;
  }
}
