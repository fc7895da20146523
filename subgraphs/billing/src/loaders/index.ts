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
  };
}

export type BillingLoaders = ReturnType<typeof createLoaders>;
