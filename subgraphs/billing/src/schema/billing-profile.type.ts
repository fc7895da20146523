import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ACCOUNTS, INVOICES } from './cache-hints';

@CacheHint(INVOICES)
@ObjectType({ description: 'A seller or buyer as an invoice names it.' })
export class InvoiceParty {
  @Field(() => String, { description: 'The legal name.' })
  name!: string;

  @Field(() => [String])
  addressLines!: string[];

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;

  @Field(() => String, { nullable: true, description: 'VAT id, capitals and digits without spaces.' })
  vatId!: string | null;

  @Field(() => String)
  email!: string;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(ACCOUNTS)
@ObjectType({
  description:
    "Who a partner's invoices are addressed to. Each invoice keeps the profile as it was when it was issued.",
})
export class BillingProfile extends InvoiceParty {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => Date)
  updatedAt!: Date;
}

@InputType({ description: 'A billing profile as entered; blank address lines are dropped.' })
export class BillingProfileInput {
  @Field(() => String, { description: 'The legal name, 1 to 200 characters.' })
  name!: string;

  @Field(() => [String], { description: '1 to 6 lines of at most 100 characters.' })
  addressLines!: string[];

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code, e.g. GB.' })
  country!: string;

  @Field(() => String, {
    nullable: true,
    description: 'VAT id with its country prefix, e.g. GB123456789; spaces and dots are removed.',
  })
  vatId?: string | null;

  @Field(() => String, { description: 'Where invoices are sent.' })
  email!: string;
}
