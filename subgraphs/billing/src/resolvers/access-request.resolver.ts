import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Authenticated, Public, RequiresScopes } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import { approveAccessRequest, declineAccessRequest, requestAccess } from '../auth/access-requests';
import { requireAdmin } from '../auth/principal';
import type { BillingContext } from '../context';
import {
  AccessRequest,
  AccessRequestApproval,
  AccessRequestStatus,
  OutboxMessage,
} from '../schema/access-request.type';

/** The most outbox messages one query lists. */
const MAX_OUTBOX_MESSAGES = 200;

@Resolver(() => AccessRequest)
export class AccessRequestResolver {
  @Public()
  @Mutation(() => Boolean, {
    description:
      'Asks for a partner account; the business team approves or declines it. True whether or not the address has an account.',
  })
  requestAccess(
    @Arg('organisation', () => String) organisation: string,
    @Arg('name', () => String) name: string,
    @Arg('email', () => String) email: string,
    @Arg('useCase', () => String, { nullable: true }) useCase: string | null,
    @Ctx() context: BillingContext,
  ) {
    return requestAccess(context, { organisation, name, email, useCase: useCase ?? '' });
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [AccessRequest], { description: 'Requests for access, newest first (admins).' })
  accessRequests(
    @Arg('status', () => AccessRequestStatus, { nullable: true }) status: AccessRequestStatus | null,
    @Ctx() { store, principal }: BillingContext,
  ) {
    requireAdmin(principal);
    return store.listAccessRequests(status);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => AccessRequestApproval, {
    description: 'Creates the partner on a plan and e-mails the requester an invitation (admins).',
  })
  approveAccessRequest(
    @Arg('id', () => ID) id: string,
    @Arg('planId', () => ID) planId: string,
    @Ctx() context: BillingContext,
  ) {
    return approveAccessRequest(context, context.principal, { id, planId });
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => AccessRequest, { description: 'Declines a pending request (admins).' })
  declineAccessRequest(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    return declineAccessRequest(context, context.principal, id);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [OutboxMessage], {
    description: 'E-mail kept instead of sent while no SMTP server is configured, newest first (admins).',
  })
  outbox(
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() { store, principal }: BillingContext,
  ) {
    requireAdmin(principal);
    const count = limit ?? 50;
    if (!Number.isInteger(count) || count < 1 || count > MAX_OUTBOX_MESSAGES) {
      throw codedError('BAD_USER_INPUT', `limit must be 1 to ${MAX_OUTBOX_MESSAGES}`, {
        argument: 'limit',
        limit: MAX_OUTBOX_MESSAGES,
      });
    }
    return store.listOutbox(count);
  }
}
