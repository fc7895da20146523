import { codedError } from '@meridian/schema';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { audit } from '../auth/audit';
import { partnerInReach, requireManagement } from '../auth/principal';
import type { BillingContext } from '../context';
import { checkParty } from '../invoices/parties';
import { BillingProfile, BillingProfileInput } from '../schema/billing-profile.type';

@Resolver(() => BillingProfile)
export class BillingProfileResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => BillingProfile, {
    nullable: true,
    description:
      "Who the partner's invoices are addressed to; null until it is set. A partner sees only its own.",
  })
  billingProfile(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() { loaders, principal }: BillingContext,
  ) {
    return loaders.billingProfile.load(partnerInReach(principal, partnerId));
  }

  @Authenticated()
  @RequiresScopes('billing:manage')
  @Mutation(() => BillingProfile, {
    description:
      "Sets who the partner's invoices are addressed to (admins for any partner; a partner's people for " +
      'their own). Invoices already issued keep the profile they were issued with.',
  })
  async setBillingProfile(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Arg('input', () => BillingProfileInput) input: BillingProfileInput,
    @Ctx() context: BillingContext,
  ) {
    const { store, loaders, principal, services } = context;
    const target = partnerInReach(requireManagement(principal, 'billing:manage'), partnerId);
    if (!(await loaders.partner.load(target)))
      throw codedError('BAD_USER_INPUT', `unknown partner ${target}`, { argument: 'partnerId' });
    const checked = checkParty(input);
    if (!checked.ok) {
      throw codedError('BAD_USER_INPUT', `${checked.field} ${checked.reason}`, {
        argument: `input.${checked.field}`,
      });
    }
    const saved = await store.saveBillingProfile(
      target,
      checked.party,
      services.now(),
      principal?.userId ?? null,
    );
    await audit(context, principal, {
      partnerId: target,
      action: 'billing-profile.changed',
      detail: `${checked.party.name}, ${checked.party.country}${checked.party.vatId ? `, VAT ${checked.party.vatId}` : ''}`,
    });
    return saved;
  }
}
