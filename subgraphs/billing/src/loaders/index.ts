/** The per-request DataLoaders of the billing subgraph: one batched store call per entity kind and tick. */
import { createGroupLoader, createRowLoader } from '@meridian/kit';
import type { BillingStore } from '../store';

export function createLoaders(store: BillingStore) {
  return {
    customer: createRowLoader(
      (ids: readonly string[]) => store.customersByIds(ids),
      (row) => row.id,
    ),
    partner: createRowLoader(
      (ids: readonly string[]) => store.partnersByIds(ids),
      (row) => row.id,
    ),
    partnersByCustomer: createGroupLoader(
      (ids: readonly string[]) => store.partnersByCustomerIds(ids),
      (row) => row.customerId ?? '',
    ),
    plan: createRowLoader(
      (ids: readonly string[]) => store.plansByIds(ids),
      (row) => row.id,
    ),
    user: createRowLoader(
      (ids: readonly string[]) => store.usersByIds(ids),
      (row) => row.id,
    ),
    invoice: createRowLoader(
      (ids: readonly string[]) => store.invoicesByIds(ids),
      (row) => row.id,
    ),
    invoicePayments: createGroupLoader(
      (ids: readonly string[]) => store.paymentsByInvoiceIds(ids),
      (row) => row.invoiceId,
    ),
    billingProfile: createRowLoader(
      (partnerIds: readonly string[]) => store.billingProfilesByPartnerIds(partnerIds),
      (row) => row.partnerId,
    ),
    invoiceLines: createGroupLoader(
      (ids: readonly string[]) => store.linesByInvoiceIds(ids),
      (row) => row.invoiceId,
    ),
  };
}

export type BillingLoaders = ReturnType<typeof createLoaders>;
