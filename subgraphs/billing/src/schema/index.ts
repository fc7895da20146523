/** The billing subgraph schema: type-graphql classes turned into a Federation 2 subgraph. */
import { buildFederatedSchema } from '@meridian/kit';
import type { GraphQLSchema } from 'graphql';
import type { BillingContext } from '../context';
import { customerReference, partnerReference } from '../resolvers/references';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { PartnerResolver } from '../resolvers/partner.resolver';
import { PlanResolver } from '../resolvers/plan.resolver';

export function buildBillingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<BillingContext>(
    { resolvers: [CustomerResolver, PartnerResolver, PlanResolver] },
    { Customer: customerReference, Partner: partnerReference },
  );
}
