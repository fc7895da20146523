import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ACCOUNTS } from './cache-hints';

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(ACCOUNTS)
@ObjectType({
  description: 'An organisation with API access: its developers hold keys and are billed on a plan.',
})
export class Partner {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the partner was suspended (its keys are refused with PARTNER_SUSPENDED); null if active.',
  })
  suspendedAt!: Date | null;

  customerId!: string | null;
  planId!: string;
}
