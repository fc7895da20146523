import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { owns } from '../auth/principal';
import type { BillingContext } from '../context';
import { Customer } from '../schema/customer.type';
import { Partner } from '../schema/partner.type';

@Resolver(() => Customer)
export class CustomerResolver {
  @RequiresScopes('billing:read')
  @Query(() => [Customer], { description: 'Every customer, by name.' })
  customers(@Ctx() { store }: BillingContext) {
    return store.listCustomers();
  }

  @RequiresScopes('billing:read')
  @Query(() => Customer, { nullable: true })
  customer(@Arg('id', () => ID) id: string, @Ctx() { loaders }: BillingContext) {
    return loaders.customer.load(id);
  }

  @FieldResolver(() => [Partner], {
    description: 'The partner organisations that hold API access for it: those the caller may see.',
  })
  async partners(@Root() customer: Customer, @Ctx() { loaders, principal }: BillingContext) {
    const partners = await loaders.partnersByCustomer.load(customer.id);
    return partners.filter((partner) => owns(principal, partner.id));
  }
}
