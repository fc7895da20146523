import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { InvoiceParty } from '../invoices/parties';
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

@CacheHint(INVOICES)
@ObjectType({ description: 'Money received against an issued invoice.' })
export class InvoicePayment {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  amountCents!: number;

  @Field(() => String, { description: 'The day the money arrived, `YYYY-MM-DD`.' })
  paidOn!: string;

  @Field(() => String, { description: "The bank's reference." })
  reference!: string;

  @Field(() => Date)
  recordedAt!: Date;
}

@CacheHint(INVOICES)
@ObjectType({ description: 'Why an admin issued a month before it had ended.' })
export class InvoiceIssueOverride {
  @Field(() => String)
  reason!: string;

  @Field(() => String, { nullable: true, description: 'The name of the admin who issued it.' })
  by!: string | null;

  @Field(() => Date)
  at!: Date;
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

  @Field(() => Date, { nullable: true, description: 'When the last payment due arrived.' })
  paidAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The invoice number, `MER-2026-0001`: given at issue, gap-free within a year; null for a draft.',
  })
  number!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The day payment is due, `YYYY-MM-DD`: the issue day plus the payment terms; null for a draft.',
  })
  dueOn!: string | null;

  @Field(() => Int, { description: 'The sum of the payments received.' })
  amountPaidCents!: number;

  partnerId!: string;
  createdAt!: Date;
  seller!: InvoiceParty | null;
  buyer!: InvoiceParty | null;
  override!: { reason: string; by: string | null; at: Date } | null;
}
