import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { createApiKey, revokeApiKey, rollApiKey, setApiKeySafelistOnly } from '../auth/keys';
import { owns, partnerInReach } from '../auth/principal';
import type { BillingContext } from '../context';
import { ApiKey, CreatedApiKey, KeyEnvironment } from '../schema/api-key.type';
import { Partner } from '../schema/partner.type';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: "A partner's keys, newest first, without their secrets." })
  apiKeys(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() { store, principal }: BillingContext,
  ) {
    return store.keysByPartner(partnerInReach(principal, partnerId));
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Creates a key; its secret is in the answer and nowhere else.',
  })
  @Directive('@requiresScopes(scopes: [["keys:manage"]])')
  createApiKey(
    @Arg('name', () => String) name: string,
    @Arg('scopes', () => [String]) scopes: string[],
    // Enum defaults do not survive the trip through SDL into the subgraph schema: applied below instead.
    @Arg('environment', () => KeyEnvironment, { nullable: true, description: 'LIVE when omitted.' })
    environment: KeyEnvironment | null,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Arg('expiresAt', () => Date, { nullable: true }) expiresAt: Date | null,
    @Arg('safelistOnly', () => Boolean, {
      nullable: true,
      description: "Runs only the partner's safelisted operations; false when omitted.",
    })
    safelistOnly: boolean | null,
    @Ctx() context: BillingContext,
  ) {
    return createApiKey(context, context.principal, {
      partnerId,
      name,
      environment: environment ?? KeyEnvironment.LIVE,
      scopes,
      expiresAt,
      safelistOnly: safelistOnly ?? false,
    });
  }

  @Mutation(() => ApiKey, {
    description:
      "Lets a key run only its partner's safelisted operations, or any operation again; gateways apply it within a second.",
  })
  @Directive('@requiresScopes(scopes: [["keys:manage"]])')
  setApiKeySafelistOnly(
    @Arg('id', () => ID) id: string,
    @Arg('safelistOnly', () => Boolean) safelistOnly: boolean,
    @Ctx() context: BillingContext,
  ) {
    return setApiKeySafelistOnly(context, context.principal, id, safelistOnly);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Gives a key a new secret; the old one keeps working for `graceSeconds` (default a day).',
  })
  @Directive('@requiresScopes(scopes: [["keys:manage"]])')
  rollApiKey(
    @Arg('id', () => ID) id: string,
    @Arg('graceSeconds', () => Int, { nullable: true }) graceSeconds: number | null,
    @Ctx() context: BillingContext,
  ) {
    return rollApiKey(context, context.principal, id, graceSeconds ?? undefined);
  }

  @Mutation(() => ApiKey, {
    description: 'Revokes a key (and a rolled-away secret still in its grace period).',
  })
  @Directive('@requiresScopes(scopes: [["keys:manage"]])')
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    return revokeApiKey(context, context.principal, id);
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() key: ApiKey, @Ctx() { loaders, principal }: BillingContext) {
    return owns(principal, key.partnerId) ? loaders.partner.load(key.partnerId) : null;
  }
}
