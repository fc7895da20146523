import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, Public, RequiresScopes } from '@meridian/kit';
import { acceptInvitation, invite, login, logout, refreshSession } from '../auth/accounts';
import { owns, partnerInReach, requireManagement, requirePrincipal } from '../auth/principal';
import type { BillingContext } from '../context';
import { Partner } from '../schema/partner.type';
import { invitationMail, previewInvitation, requestPasswordReset, resetPassword } from '../auth/recovery';
import { Invitation, InvitationPreview, Role, Session, User } from '../schema/user.type';

@Resolver(() => User)
export class AccountResolver {
  @Authenticated()
  @Query(() => User, { nullable: true, description: 'The signed-in portal user; null for API keys.' })
  me(@Ctx() { principal, loaders }: BillingContext) {
    const known = requirePrincipal(principal);
    return known.userId ? loaders.user.load(known.userId) : null;
  }

  @Authenticated()
  @RequiresScopes('users:manage')
  @Query(() => [User], { description: "A partner's portal users (admins: any partner's)." })
  users(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() { principal, store }: BillingContext,
  ) {
    return store.listUsers(partnerInReach(requireManagement(principal, 'users:manage'), partnerId));
  }

  @Public()
  @Mutation(() => Session, { description: 'Signs in with email and password.' })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: BillingContext,
  ) {
    return login(context, email, password);
  }

  @Public()
  @Mutation(() => Session, { description: 'Exchanges a refresh token (once) for a fresh session.' })
  refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() context: BillingContext) {
    return refreshSession(context, refreshToken);
  }

  @Authenticated()
  @Mutation(() => Boolean, { description: 'Ends the current portal session and its tokens.' })
  logout(@Ctx() context: BillingContext) {
    return logout(context, context.principal);
  }

  @Authenticated()
  @RequiresScopes('users:manage')
  @Mutation(() => Invitation, {
    description: 'Invites someone: developers to a partner (by an admin or the partner), admins by admins.',
  })
  async inviteUser(
    @Arg('email', () => String) email: string,
    @Arg('role', () => Role) role: Role,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() context: BillingContext,
  ) {
    requireManagement(context.principal, 'users:manage');
    const invitation = await invite(context, context.principal, { email, role, partnerId });
    const [partner] = invitation.partnerId ? await context.store.partnersByIds([invitation.partnerId]) : [];
    await context.mailer.send(invitationMail(context.portalUrl, invitation, partner?.name ?? null));
    return invitation;
  }

  @Public()
  @Query(() => InvitationPreview, {
    description:
      'Who an invitation link is for and which organisation it joins, checked before the form is filled in.',
  })
  invitation(@Arg('token', () => String) token: string, @Ctx() context: BillingContext) {
    return previewInvitation(context, token);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'E-mails a single-use link (valid an hour) to reset the password; true whether or not the address has an account.',
  })
  requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() context: BillingContext) {
    return requestPasswordReset(context, email);
  }

  @Public()
  @Mutation(() => Session, {
    description: "Sets a new password with a reset link (once), ends the user's other sessions, signs in.",
  })
  resetPassword(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: BillingContext,
  ) {
    return resetPassword(context, { token, password });
  }

  @Public()
  @Mutation(() => Session, {
    description: 'Creates the invited user and signs them in; the link works once.',
  })
  acceptInvitation(
    @Arg('token', () => String) token: string,
    @Arg('name', () => String) name: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: BillingContext,
  ) {
    return acceptInvitation(context, { token, name, password });
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() user: User, @Ctx() { loaders, principal }: BillingContext) {
    return user.partnerId && owns(principal, user.partnerId) ? loaders.partner.load(user.partnerId) : null;
  }
}
