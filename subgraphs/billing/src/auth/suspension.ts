/**
 * What a suspended partner keeps. Its keys are refused (`key-directory.ts`); its people may sign in and out,
 * see their keys and usage, and revoke keys, as the documentation promises, and nothing more: their portal
 * sessions read billing only (the scopes the gateway gets from the session lookup), and every billing
 * mutation they call, except the few that stay open, is refused with PARTNER_SUSPENDED before it runs.
 * The list names what stays open, so a mutation added later is closed to them until someone decides
 * otherwise. Admins are not limited.
 */
import { codedError } from '@meridian/schema';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { BillingContext } from '../context';
import type { PartnerRecord } from '../store';
import type { Scope } from './scopes';

/** The mutations a suspended partner's people may still call: signing in and out, and revoking a key. */
const OPEN_WHILE_SUSPENDED: ReadonlySet<string> = new Set([
  'login',
  'refreshSession',
  'logout',
  'revokeApiKey',
]);

/** What a suspended partner's portal sessions read: their keys, usage and invoices. */
export const SUSPENDED_SESSION_SCOPES: readonly Scope[] = ['billing:read'];

/** Throws PARTNER_SUSPENDED, saying what is `refused`, when the partner is suspended. */
export function refuseIfSuspended(
  partner: Pick<PartnerRecord, 'id' | 'name' | 'suspendedAt'>,
  refused: string,
): void {
  if (!partner.suspendedAt) return;
  throw codedError(
    'PARTNER_SUSPENDED',
    `${partner.name} is suspended since ${partner.suspendedAt.toISOString()}: ${refused} until Meridian reactivates it`,
    { partnerId: partner.id, suspendedAt: partner.suspendedAt.toISOString() },
  );
}

/** Refuses the call when it comes from a suspended partner's developer or key. */
async function refuseSuspendedCaller({ principal, loaders }: BillingContext): Promise<void> {
  if (!principal || principal.role === 'admin' || !principal.partnerId) return;
  const partner = await loaders.partner.load(principal.partnerId);
  if (partner) {
    refuseIfSuspended(partner, 'its people may only sign in, see keys and usage, and revoke keys');
  }
}

/**
 * Puts the check in front of every mutation of the schema but those OPEN_WHILE_SUSPENDED, so it runs before
 * anything is read or written for the call.
 */
export function closeMutationsWhileSuspended(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (OPEN_WHILE_SUSPENDED.has(field.name)) continue;
    const resolve: GraphQLFieldResolver<unknown, BillingContext> = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context: BillingContext, info) => {
      await refuseSuspendedCaller(context);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
