import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { INVOICES } from './cache-hints';

export enum InvoiceStatus {
  DRAFT = 'draft',
  ISSUED = 'issued',
  PAID = 'paid',
}

registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

@CacheHint(INVOICES)
@ObjectType()
export class InvoiceLine {
  @Field(() => String)
  description!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int)
  unitPriceCents!: number;

  @Field(() => Int)
  amountCents!: number;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(INVOICES)
@ObjectType({ description: "A partner's invoice for one month: its plan, overage and tax." })
export class Invoice {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The month billed, `YYYY-MM`.' })
  period!: string;

  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;

  @Field(() => String, { description: 'ISO 4217 code.' })
  currency!: string;

  @Field(() => Int)
  subtotalCents!: number;

  @Field(() => Int, { description: 'Tax rate in basis points (2000 = 20 %).' })
  taxBasisPoints!: number;

  @Field(() => Int)
  taxCents!: number;

  @Field(() => Int)
  totalCents!: number;

  @Field(() => Date, { nullable: true })
  issuedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  paidAt!: Date | null;

  partnerId!: string;
}
