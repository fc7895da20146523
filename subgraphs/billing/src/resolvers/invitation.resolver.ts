import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { resendInvitation, revokeInvitation } from '../auth/invitations';
import type { BillingContext } from '../context';
import { PendingInvitation } from '../schema/audit.type';
import { Invitation } from '../schema/user.type';

@Resolver(() => PendingInvitation)
export class InvitationResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Invitation, {
    description:
      'E-mails a pending invitation again with a new link, valid 72 hours; the old link stops working (admins).',
  })
  resendInvitation(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    return resendInvitation(context, context.principal, id);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => PendingInvitation, {
    description: 'Withdraws a pending invitation: its link is refused from now on (admins).',
  })
  revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    return revokeInvitation(context, context.principal, id);
  }
}
