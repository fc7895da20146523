import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { Customer } from '../schema/customer.type';
import { Partner } from '../schema/partner.type';
import { Plan } from '../schema/plan.type';

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => [Partner], { description: 'Every partner organisation, by name.' })
  partners(@Ctx() { store }: BillingContext) {
    return store.listPartners();
  }

  @Query(() => Partner, { nullable: true })
  partner(@Arg('id', () => ID) id: string, @Ctx() { loaders }: BillingContext) {
    return loaders.partner.load(id);
  }

  @FieldResolver(() => Plan)
  async plan(@Root() partner: Partner, @Ctx() { loaders }: BillingContext) {
    const plan = await loaders.plan.load(partner.planId);
    if (!plan) throw new Error(`partner ${partner.id} refers to missing plan ${partner.planId}`);
    return plan;
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() partner: Partner, @Ctx() { loaders }: BillingContext) {
    return partner.customerId ? loaders.customer.load(partner.customerId) : null;
  }
}
