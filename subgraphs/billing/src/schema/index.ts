/**
 * The billing subgraph schema: type-graphql classes turned into a Federation 2 subgraph, with its mutations
 * closed to a suspended partner's people but for the few that stay open (`auth/suspension.ts`).
 */
import { buildFederatedSchema } from '@meridian/kit';
import type { GraphQLSchema } from 'graphql';
import { closeMutationsWhileSuspended } from '../auth/suspension';
import type { BillingContext } from '../context';
import { AccessRequestResolver } from '../resolvers/access-request.resolver';
import { AccountResolver } from '../resolvers/account.resolver';
import { ApiKeyResolver } from '../resolvers/api-key.resolver';
import { BusinessResolver } from '../resolvers/business.resolver';
import { BillingProfileResolver } from '../resolvers/billing-profile.resolver';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { DashboardResolver } from '../resolvers/dashboard.resolver';
import { InvitationResolver } from '../resolvers/invitation.resolver';
import { InvoiceResolver } from '../resolvers/invoice.resolver';
import { PartnerResolver } from '../resolvers/partner.resolver';
import { PlanResolver } from '../resolvers/plan.resolver';
import { customerReference, partnerReference } from '../resolvers/references';
import { SafelistResolver } from '../resolvers/safelist.resolver';
import { SavedQuestionResolver } from '../resolvers/saved-question.resolver';
import { UsageResolver } from '../resolvers/usage.resolver';

export async function buildBillingSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema<BillingContext>(
    {
      resolvers: [
        AccessRequestResolver,
        AccountResolver,
        ApiKeyResolver,
        BusinessResolver,
        BillingProfileResolver,
        CustomerResolver,
        DashboardResolver,
        InvitationResolver,
        InvoiceResolver,
        PartnerResolver,
        PlanResolver,
        SafelistResolver,
        SavedQuestionResolver,
        UsageResolver,
      ],
    },
    { Customer: customerReference, Partner: partnerReference },
  );
  return closeMutationsWhileSuspended(schema);
}
