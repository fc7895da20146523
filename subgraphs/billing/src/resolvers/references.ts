/** Reference resolvers: how the gateway turns `{ __typename, id }` from another subgraph into an entity. */
import type { BillingContext } from '../context';

type Reference = Record<string, unknown>;

export const customerReference = {
  __resolveReference: (reference: Reference, { loaders }: BillingContext) =>
    loaders.customer.load(String(reference.id)),
};

export const partnerReference = {
  __resolveReference: (reference: Reference, { loaders }: BillingContext) =>
    loaders.partner.load(String(reference.id)),
};
