/** Reference resolvers: how the gateway turns `{ __typename, id }` from another subgraph into an entity. */
import { owns } from '../auth/principal';
import type { BillingContext } from '../context';

type Reference = Record<string, unknown>;

export const customerReference = {
  __resolveReference: (reference: Reference, { loaders }: BillingContext) =>
    loaders.customer.load(String(reference.id)),
};

/** A partner is private to itself and the admins, whichever subgraph points at it. */
export const partnerReference = {
  __resolveReference: (reference: Reference, { loaders, principal }: BillingContext) =>
    owns(principal, String(reference.id)) ? loaders.partner.load(String(reference.id)) : null,
};
