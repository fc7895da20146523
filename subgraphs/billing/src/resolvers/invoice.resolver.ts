import { codedError } from '@meridian/schema';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, RequiresScopes } from '@meridian/kit';
import { owns, partnerInReach, requireAdmin, type Principal } from '../auth/principal';
import type { BillingContext } from '../context';
import { monthPeriod } from '../invoices/compute';
import { prepareDraft } from '../invoices/drafts';
import { renderInvoiceHtml } from '../invoices/html';
import { Invoice, InvoiceLine, InvoiceStatus as InvoiceStatusValue } from '../schema/invoice.type';
import { Partner } from '../schema/partner.type';
import type { InvoiceStatus } from '../store';

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
  @Mutation(() => Invoice, { description: 'Issues a draft invoice; it cannot change afterwards (admins).' })
  issueInvoice(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    return advance(context, id, 'draft', 'issued');
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Invoice, { description: 'Records payment of an issued invoice (admins).' })
  markInvoicePaid(@Arg('id', () => ID) id: string, @Ctx() context: BillingContext) {
    return advance(context, id, 'issued', 'paid');
  }

  @FieldResolver(() => [InvoiceLine])
  lines(@Root() invoice: Invoice, @Ctx() { loaders }: BillingContext) {
    return loaders.invoiceLines.load(invoice.id);
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() invoice: Invoice, @Ctx() { loaders }: BillingContext) {
    return loaders.partner.load(invoice.partnerId);
  }

  @FieldResolver(() => String, { description: 'The invoice as a printable HTML page.' })
  async html(@Root() invoice: Invoice, @Ctx() { loaders }: BillingContext) {
    const [partner, lines] = await Promise.all([
      loaders.partner.load(invoice.partnerId),
      loaders.invoiceLines.load(invoice.id),
    ]);
    return renderInvoiceHtml({ ...invoice, partnerName: partner?.name ?? invoice.partnerId, lines });
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

async function advance(context: BillingContext, id: string, from: InvoiceStatus, to: InvoiceStatus) {
  requireAdmin(context.principal);
  if (!(await context.store.advanceStatus(id, from, to, context.now()))) {
    const [invoice] = await context.store.invoicesByIds([id]);
    throw codedError(
      'BAD_USER_INPUT',
      invoice ? `invoice ${id} is ${invoice.status}, not ${from}` : `unknown invoice ${id}`,
      { argument: 'id' },
    );
  }
  const [invoice] = await context.store.invoicesByIds([id]);
  return invoice;
}
