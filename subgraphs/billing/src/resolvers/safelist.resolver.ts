import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { requireManagement } from '../auth/principal';
import type { BillingContext } from '../context';
import { registerOperations, removeOperation, safelistOf } from '../safelist/safelist';
import { SafelistedOperation, SafelistOperationInput } from '../schema/safelist.type';

@Resolver(() => SafelistedOperation)
export class SafelistResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [SafelistedOperation], { description: "A partner's safelisted operations, oldest first." })
  safelist(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() context: BillingContext,
  ) {
    return safelistOf(context, context.principal, partnerId);
  }

  @Authenticated()
  @RequiresScopes('safelist:write')
  @Mutation(() => [SafelistedOperation], {
    description:
      "Puts operations on a partner's safelist, in the order given. The batch is checked whole: one bad operation and nothing is registered. An operation already on the list is returned as it is.",
  })
  registerOperations(
    @Arg('operations', () => [SafelistOperationInput]) operations: SafelistOperationInput[],
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() context: BillingContext,
  ) {
    requireManagement(context.principal, 'safelist:write');
    return registerOperations(context, context.principal, partnerId, operations);
  }

  @Authenticated()
  @RequiresScopes('safelist:write')
  @Mutation(() => Boolean, {
    description: "Takes an operation off a partner's safelist; false when it was not on it.",
  })
  removeOperation(
    @Arg('id', () => ID) id: string,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() context: BillingContext,
  ) {
    requireManagement(context.principal, 'safelist:write');
    return removeOperation(context, context.principal, partnerId, id);
  }
}
