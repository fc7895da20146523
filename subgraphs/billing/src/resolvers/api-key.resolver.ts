import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import {
  createApiKey,
  revokeApiKey,
  rollApiKey,
  setApiKeySafelistOnly,
  updateApiKeyScopes,
} from '../auth/key-lifecycle';
import { owns, partnerInReach } from '../auth/principal';
import type { BillingContext } from '../context';
import { ApiKey, CreatedApiKey, KeyEnvironment } from '../schema/api-key.type';
import { Partner } from '../schema/partner.type';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [ApiKey], { description: "A partner's keys, newest first, without their secrets." })
  apiKeys(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() { store, principal }: BillingContext,
  ) {
    return store.keysByPartner(partnerInReach(principal, partnerId));
  }

  @Authenticated()
  @RequiresScopes('keys:manage')
  @Mutation(() => CreatedApiKey, {
    description: 'Creates a key; its secret is in the answer and nowhere else.',
  })
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

  @Authenticated()
  @RequiresScopes('keys:manage')
  @Mutation(() => ApiKey, {
    description:
      "Lets a key run only its partner's safelisted operations, or any operation again; gateways apply it within a second.",
  })
  setApiKeySafelistOnly(
    @Arg('id', () => ID) id: string,
    @Arg('safelistOnly', () => Boolean) safelistOnly: boolean,
    @Ctx() context: BillingContext,
  ) {
    return setApiKeySafelistOnly(context, context.principal, id, safelistOnly);
  }

  @Authenticated()
  @RequiresScopes('keys:manage')
  @Mutation(() => ApiKey, {
    description:
      "Changes a key's scopes (within its plan's and the caller's own); gateways apply it within a second.",
  })
  updateApiKeyScopes(
    @Arg('id', () => ID) id: string,
    @Arg('scopes', () => [String]) scopes: string[],
    @Ctx() context: BillingContext,
  ) {
    return updateApiKeyScopes(context, context.principal, id, scopes);
  }

  @Authenticated()
  @RequiresScopes('keys:manage')
  @Mutation(() => CreatedApiKey, {
    description: 'Gives a key a new secret; the old one keeps working for `graceSeconds` (default a day).',
  })
  rollApiKey(
    @Arg('id', () => ID) id: string,
    @Arg('graceSeconds', () => Int, { nullable: true }) graceSeconds: number | null,
    @Ctx() context: BillingContext,
  ) {
    return rollApiKey(context, context.principal, id, graceSeconds ?? undefined);
  }

  @Authenticated()
  @RequiresScopes('keys:manage')
  @Mutation(() => ApiKey, {
    description: 'Revokes a key (and a rolled-away secret still in its grace period).',
  })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    return revokeApiKey(context, context.principal, id);
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() key: ApiKey, @Ctx() { loaders, principal }: BillingContext) {
    return owns(principal, key.partnerId) ? loaders.partner.load(key.partnerId) : null;
  }
}
