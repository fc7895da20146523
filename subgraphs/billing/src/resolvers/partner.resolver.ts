import { codedError } from '@meridian/schema';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { newId } from '../auth/accounts';
import { owns, requireAdmin, requirePrincipal } from '../auth/principal';
import type { BillingContext } from '../context';
import { Customer } from '../schema/customer.type';
import { Partner } from '../schema/partner.type';
import { Plan } from '../schema/plan.type';

export const MAX_PARTNER_NAME_LENGTH = 200;

@Resolver(() => Partner)
export class PartnerResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [Partner], {
    description: 'Partner organisations by name: all for admins, a partner its own.',
  })
  async partners(@Ctx() { store, principal }: BillingContext) {
    const known = requirePrincipal(principal);
    const all = await store.listPartners();
    return all.filter((partner) => owns(known, partner.id));
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => Partner, { nullable: true, description: 'Null when it does not exist or is not yours.' })
  async partner(@Arg('id', () => ID) id: string, @Ctx() { loaders, principal }: BillingContext) {
    return owns(requirePrincipal(principal), id) ? loaders.partner.load(id) : null;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, { description: 'Onboards a partner organisation on a plan (admins).' })
  async createPartner(
    @Arg('name', () => String) name: string,
    @Arg('planId', () => ID) planId: string,
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Ctx() { store, principal, loaders, now }: BillingContext,
  ) {
    requireAdmin(principal);
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_PARTNER_NAME_LENGTH) {
      throw codedError('BAD_USER_INPUT', `name must be 1 to ${MAX_PARTNER_NAME_LENGTH} characters`, {
        argument: 'name',
      });
    }
    if (!(await loaders.plan.load(planId))) {
      throw codedError('BAD_USER_INPUT', `unknown plan ${planId}`, { argument: 'planId' });
    }
    if (customerId && !(await loaders.customer.load(customerId))) {
      throw codedError('BAD_USER_INPUT', `unknown customer ${customerId}`, { argument: 'customerId' });
    }
    const partner = {
      id: newId('par'),
      name: trimmed,
      customerId,
      planId,
      createdAt: now(),
      suspendedAt: null,
    };
    await store.createPartner(partner);
    return partner;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, { description: 'Moves a partner to another plan, effective at once (admins).' })
  async changePartnerPlan(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('planId', () => ID) planId: string,
    @Ctx() { store, principal, loaders, keys }: BillingContext,
  ) {
    requireAdmin(principal);
    if (!(await loaders.plan.load(planId))) {
      throw codedError('BAD_USER_INPUT', `unknown plan ${planId}`, { argument: 'planId' });
    }
    if (!(await store.setPartnerPlan(partnerId, planId))) {
      throw codedError('BAD_USER_INPUT', `unknown partner ${partnerId}`, { argument: 'partnerId' });
    }
    // Cached key lookups carry the old plan; the next request must see the new one.
    keys.changed({ kind: 'plan-changed', partnerId });
    const [partner] = await store.partnersByIds([partnerId]);
    return partner;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, {
    description: 'Suspends a partner: its keys are refused with PARTNER_SUSPENDED within a second (admins).',
  })
  suspendPartner(@Arg('partnerId', () => ID) partnerId: string, @Ctx() context: BillingContext) {
    return this.setSuspended(partnerId, context.now(), context);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, { description: "Lifts a partner's suspension; its keys work again (admins)." })
  reactivatePartner(@Arg('partnerId', () => ID) partnerId: string, @Ctx() context: BillingContext) {
    return this.setSuspended(partnerId, null, context);
  }

  private async setSuspended(
    partnerId: string,
    at: Date | null,
    { store, principal, keys }: BillingContext,
  ): Promise<Partner> {
    requireAdmin(principal);
    const [partner] = await store.partnersByIds([partnerId]);
    if (!partner)
      throw codedError('BAD_USER_INPUT', `unknown partner ${partnerId}`, { argument: 'partnerId' });
    // Suspending twice keeps the first time.
    if (Boolean(partner.suspendedAt) !== Boolean(at)) await store.setPartnerSuspended(partnerId, at);
    // Cached key lookups still admit (or refuse) the partner's keys; every cache must ask again.
    keys.changed({ kind: at ? 'suspended' : 'reactivated', partnerId });
    const [updated] = await store.partnersByIds([partnerId]);
    return updated!;
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
