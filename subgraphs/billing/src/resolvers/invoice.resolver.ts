import { codedError } from '@meridian/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, newId, RequiresScopes } from '@meridian/kit';
import { audit } from '../auth/audit';
import { owns, partnerInReach, requireAdmin, type Principal } from '../auth/principal';
import type { BillingContext } from '../context';
import { monthPeriod } from '../invoices/compute';
import { documentFileName } from '../invoices/document';
import { prepareDraft } from '../invoices/drafts';
import { renderInvoiceHtml } from '../invoices/html';
import { dayOf, dueDate, isOverdue, MAX_OVERRIDE_REASON_LENGTH, periodEnded } from '../invoices/issue';
import { checkPayment, type PaymentInput } from '../invoices/payments';
import { renderInvoicePdf } from '../invoices/pdf';
import { InvoiceParty } from '../schema/billing-profile.type';
import {
  Invoice,
  InvoiceIssueOverride,
  InvoiceLine,
  InvoicePayment,
  InvoiceStatus as InvoiceStatusValue,
} from '../schema/invoice.type';
import { Partner } from '../schema/partner.type';
import type { InvoiceRecord, InvoiceStatus } from '../store';
import { buyerOf, loadInvoiceDocument, sellerOf } from './invoice-document';

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [Invoice], {
    description:
      "A partner's invoices, newest month first; drafts only for admins. Admins may leave out the partner to " +
      "see every partner's invoices in a status or of a month (say, the drafts to issue).",
  })
  async invoices(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Arg('status', () => InvoiceStatusValue, { nullable: true })
    status: InvoiceStatusValue | null | undefined,
    @Arg('period', () => String, { nullable: true, description: '`YYYY-MM`' })
    period: string | null | undefined,
    @Ctx() { store, principal }: BillingContext,
  ) {
    if (typeof period === 'string') requireMonth(period);
    if (!partnerId && principal?.role === 'admin') {
      if (!status && !period) {
        throw codedError('BAD_USER_INPUT', 'admins must name a partner, a status or a period', {
          argument: 'partnerId',
        });
      }
      return store.invoicesAcrossPartners({ status: status ?? undefined, period: period ?? undefined });
    }
    const invoices = await store.invoicesByPartner(partnerInReach(principal, partnerId));
    return invoices.filter(
      (invoice) =>
        visible(principal, invoice) &&
        (!status || invoice.status === status) &&
        (!period || invoice.period === period),
    );
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => Invoice, {
    nullable: true,
    description: 'Null when it does not exist, is not yours, or is a draft you are not an admin for.',
  })
  async invoice(@Arg('id', () => ID) id: string, @Ctx() { loaders, principal }: BillingContext) {
    const invoice = await loaders.invoice.load(id);
    return invoice && owns(principal, invoice.partnerId) && visible(principal, invoice) ? invoice : null;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Invoice, {
    description:
      "Computes (or recomputes) the draft invoice of a partner's month from its plan and usage (admins).",
  })
  async generateInvoice(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('period', () => String, { description: '`YYYY-MM`' }) period: string,
    @Ctx() { store, principal, loaders, services, now }: BillingContext,
  ) {
    requireAdmin(principal);
    requireMonth(period);
    const partner = await loaders.partner.load(partnerId);
    if (!partner)
      throw codedError('BAD_USER_INPUT', `unknown partner ${partnerId}`, { argument: 'partnerId' });
    const deps = {
      store,
      taxRateBasisPoints: services.config.taxRateBasisPoints,
      currency: services.config.currency,
      now,
    };
    const saved = await prepareDraft(deps, partner, period);
    if (saved.status !== 'draft') {
      throw codedError('BAD_USER_INPUT', `the invoice for ${period} is already ${saved.status}`, {
        argument: 'period',
      });
    }
    return saved;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Invoice, {
    description:
      'Issues a draft (admins): gives it the next number of the year, its due date, and copies the seller and ' +
      "the partner's billing profile onto it; it cannot change afterwards. A month that has not ended is " +
      'refused with PERIOD_NOT_ENDED unless `overrideReason` says why it must go now.',
  })
  async issueInvoice(
    @Arg('id', () => ID) id: string,
    @Arg('overrideReason', () => String, {
      nullable: true,
      description: 'Why the month is issued before it ended; kept on the invoice. Needed only then.',
    })
    overrideReason: string | null | undefined,
    @Ctx() context: BillingContext,
  ) {
    const admin = requireAdmin(context.principal);
    return issue(context, id, overrideReason ?? null, admin.userId);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Invoice, {
    description:
      'Records money received against an issued invoice (admins); partial payments add up, and the invoice ' +
      'is paid once nothing is due. An amount above what is still due is refused.',
  })
  async recordPayment(
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('amountCents', () => Int) amountCents: number,
    @Arg('paidOn', () => String, { description: 'The day the money arrived, `YYYY-MM-DD`.' }) paidOn: string,
    @Arg('reference', () => String, { description: "The bank's reference." }) reference: string,
    @Ctx() context: BillingContext,
  ) {
    const admin = requireAdmin(context.principal);
    return pay(context, invoiceId, { amountCents, paidOn, reference }, admin.userId);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Invoice, {
    deprecationReason: 'Use recordPayment, which keeps the day and the bank reference.',
    description:
      'Records the whole amount still due as paid today (admins), with the reference "marked paid".',
  })
  async markInvoicePaid(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    const admin = requireAdmin(context.principal);
    const [invoice] = await context.store.invoicesByIds([id]);
    if (!invoice || invoice.status !== 'issued') throw notInStatus(id, invoice, 'issued');
    const amountCents = invoice.totalCents - invoice.amountPaidCents;
    const paidOn = dayOf(context.services.now());
    return pay(context, id, { amountCents, paidOn, reference: 'marked paid' }, admin.userId);
  }

  @FieldResolver(() => [InvoiceLine])
  lines(@Root() invoice: Invoice, @Ctx() { loaders }: BillingContext) {
    return loaders.invoiceLines.load(invoice.id);
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() invoice: Invoice, @Ctx() { loaders }: BillingContext) {
    return loaders.partner.load(invoice.partnerId);
  }

  @FieldResolver(() => [InvoicePayment], { description: 'Payments received, in the order they arrived.' })
  payments(@Root() invoice: Invoice, @Ctx() { loaders }: BillingContext) {
    return loaders.invoicePayments.load(invoice.id);
  }

  @FieldResolver(() => Int, { description: 'What is still to be paid: the total less the payments.' })
  amountDueCents(@Root() invoice: Invoice) {
    return invoice.totalCents - invoice.amountPaidCents;
  }

  @FieldResolver(() => Boolean, {
    description: 'Issued, not fully paid, and its due date has passed.',
  })
  overdue(@Root() invoice: Invoice, @Ctx() { services }: BillingContext) {
    return isOverdue(invoice, services.now());
  }

  @FieldResolver(() => InvoiceParty, {
    description: 'Who issues it: as it was at issue; for a draft, as configured today.',
  })
  seller(@Root() invoice: Invoice, @Ctx() context: BillingContext) {
    return sellerOf(context, invoice);
  }

  @FieldResolver(() => InvoiceParty, {
    description:
      "Who it is addressed to: the partner's billing profile as it was at issue; for a draft, as it is today.",
  })
  buyer(@Root() invoice: Invoice, @Ctx() context: BillingContext) {
    return buyerOf(context, invoice);
  }

  @FieldResolver(() => InvoiceIssueOverride, {
    nullable: true,
    description: 'Why the month was issued before it ended (admins only; null otherwise).',
  })
  async issueOverride(@Root() invoice: Invoice, @Ctx() { loaders, principal }: BillingContext) {
    if (!invoice.override || principal?.role !== 'admin') return null;
    const user = invoice.override.by ? await loaders.user.load(invoice.override.by) : null;
    return { reason: invoice.override.reason, at: invoice.override.at, by: user?.name ?? null };
  }

  @FieldResolver(() => String, { description: 'The invoice as a printable HTML page.' })
  async html(@Root() invoice: Invoice, @Ctx() context: BillingContext) {
    return renderInvoiceHtml(await loadInvoiceDocument(context, invoice));
  }

  @FieldResolver(() => String, {
    description:
      'The invoice as a PDF file, base64; save it as `fileName` with the extension `.pdf`. A draft is ' +
      'marked DRAFT and has no number.',
  })
  async pdf(@Root() invoice: Invoice, @Ctx() context: BillingContext) {
    return (await renderInvoicePdf(await loadInvoiceDocument(context, invoice))).toString('base64');
  }

  @FieldResolver(() => String, {
    description: 'The name to save the document under, without extension: its number, or `DRAFT-<month>`.',
  })
  fileName(@Root() invoice: Invoice) {
    return documentFileName(invoice);
  }
}

function requireMonth(period: string): void {
  if (!monthPeriod(period)) {
    throw codedError('BAD_USER_INPUT', 'period must be a month, YYYY-MM', { argument: 'period' });
  }
}

/** A partner sees an invoice once it is issued: until then the business team may still recompute it. */
function visible(principal: Principal | null, invoice: { status: InvoiceStatus }): boolean {
  return invoice.status !== 'draft' || principal?.role === 'admin';
}

function notInStatus(id: string, invoice: InvoiceRecord | undefined, expected: InvoiceStatus) {
  return codedError(
    'BAD_USER_INPUT',
    invoice ? `invoice ${id} is ${invoice.status}, not ${expected}` : `unknown invoice ${id}`,
    { argument: 'id' },
  );
}

async function issue(
  context: BillingContext,
  id: string,
  overrideReason: string | null,
  userId: string | null,
): Promise<InvoiceRecord> {
  const { store, services, loaders } = context;
  const [invoice] = await store.invoicesByIds([id]);
  if (!invoice || invoice.status !== 'draft') throw notInStatus(id, invoice, 'draft');
  const now = services.now();
  const reason = overrideReason?.trim() ?? '';
  if (reason.length > MAX_OVERRIDE_REASON_LENGTH) {
    throw codedError(
      'BAD_USER_INPUT',
      `overrideReason must be at most ${MAX_OVERRIDE_REASON_LENGTH} characters`,
      {
        argument: 'overrideReason',
      },
    );
  }
  const early = !periodEnded(invoice.period, now);
  if (early && reason === '') {
    throw codedError(
      'PERIOD_NOT_ENDED',
      `${invoice.period} has not ended: issue it once it is over, or give overrideReason to issue it now`,
      { argument: 'overrideReason', period: invoice.period },
    );
  }
  const buyer = await loaders.billingProfile.load(invoice.partnerId);
  if (!buyer) {
    throw codedError('BILLING_PROFILE_MISSING', `partner ${invoice.partnerId} has no billing profile`, {
      partnerId: invoice.partnerId,
    });
  }
  const issued = await store.issueDraft(id, {
    issuedAt: now,
    dueOn: dueDate(now, services.config.paymentTermsDays),
    numberPrefix: services.config.invoiceNumberPrefix,
    seller: services.config.seller,
    buyer,
    override: early ? { reason, by: userId } : null,
  });
  if (!issued) throw notInStatus(id, (await store.invoicesByIds([id]))[0], 'draft');
  await audit(context, context.principal, {
    partnerId: issued.partnerId,
    action: 'invoice.issued',
    subject: issued.number,
    detail: early ? `${issued.period}, before the month ended` : issued.period,
    reason: early ? reason : null,
  });
  return issued;
}

async function pay(
  context: BillingContext,
  id: string,
  input: PaymentInput,
  userId: string | null,
): Promise<InvoiceRecord> {
  const { store, services } = context;
  const [invoice] = await store.invoicesByIds([id]);
  if (!invoice || invoice.status !== 'issued') throw notInStatus(id, invoice, 'issued');
  const now = services.now();
  const checked = checkPayment(input, invoice.totalCents - invoice.amountPaidCents, dayOf(now));
  if (!checked.ok) {
    throw codedError('BAD_USER_INPUT', `${checked.argument} ${checked.reason}`, {
      argument: checked.argument,
    });
  }
  const payment = {
    id: newId('pay'),
    invoiceId: id,
    ...checked.payment,
    recordedAt: now,
    recordedBy: userId,
  };
  if (!(await store.recordPayment(payment))) {
    // Another payment landed between the check and the write: say what is due now.
    const [current] = await store.invoicesByIds([id]);
    if (!current || current.status !== 'issued') throw notInStatus(id, current, 'issued');
    throw codedError(
      'BAD_USER_INPUT',
      `amountCents is more than the ${current.totalCents - current.amountPaidCents} cents still due`,
      { argument: 'amountCents' },
    );
  }
  const [paid] = await store.invoicesByIds([id]);
  await audit(context, context.principal, {
    partnerId: paid!.partnerId,
    action: 'invoice.payment-recorded',
    subject: paid!.number,
    detail: `${(checked.payment.amountCents / 100).toFixed(2)} ${paid!.currency} received on ${checked.payment.paidOn}, reference ${checked.payment.reference}`,
  });
  return paid!;
}
