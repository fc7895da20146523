import { NeverCached } from '@meridian/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum KeyEnvironment {
  LIVE = 'live',
  TEST = 'test',
}

registerEnumType(KeyEnvironment, {
  name: 'KeyEnvironment',
  description: 'LIVE keys (`mer_live_…`) for production traffic, TEST keys (`mer_test_…`) for development.',
});

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({ description: 'An API key of a partner. Its secret is shown once, at creation or roll.' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => KeyEnvironment)
  environment!: KeyEnvironment;

  @Field(() => String, { description: 'The start of the key, e.g. `mer_live_AbCd`, to tell keys apart.' })
  prefix!: string;

  @Field(() => String, { description: 'The last four characters of the key.' })
  lastFour!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Updated within seconds of use, not on every request.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Until when the secret before the last roll is still accepted (the grace period); null when never rolled.',
  })
  previousSecretValidUntil!: Date | null;

  @Field(() => Boolean, {
    description: "Whether the key runs only operations on its partner's safelist (for production keys).",
  })
  safelistOnly!: boolean;

  partnerId!: string;
}

@NeverCached()
@ObjectType({ description: 'A key just created or rolled, with its secret.' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  key!: ApiKey;

  @Field(() => String, { description: 'The whole key. Store it now: it is never shown again.' })
  secret!: string;
}
