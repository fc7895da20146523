/**
 * What every billing resolver receives: fresh loaders for each request, the store for listings, the
 * services that hold state across requests, and the caller's principal (null when anonymous).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { authenticateAccessToken, type AccountDeps } from './auth/accounts';
import type { KeyDeps, KeyDirectory } from './auth/keys';
import { PRINCIPAL_HEADER, verifyPrincipal, type Principal } from './auth/principal';
import type { BillingConfig } from './config';
import { createLoaders, type BillingLoaders } from './loaders';
import type { BillingStore } from './store';

/** What lives as long as the service: the store, the key directory, the settings resolvers need. */
export interface BillingServices {
  readonly store: BillingStore;
  readonly keys: KeyDirectory;
  readonly config: Pick<
    BillingConfig,
    'sessionSecret' | 'principalSecret' | 'revenueTargetCents' | 'taxRateBasisPoints'
  >;
  readonly now: () => Date;
}

export interface BillingContext extends AccountDeps, KeyDeps {
  readonly loaders: BillingLoaders;
  readonly store: BillingStore;
  readonly services: BillingServices;
  readonly principal: Principal | null;
}

/**
 * The caller, from the gateway's signed principal header or a portal access token. A credential that does
 * not verify counts as none: fields that need one then answer UNAUTHENTICATED.
 */
export async function principalOf(
  services: BillingServices,
  headers: IncomingHttpHeaders,
): Promise<Principal | null> {
  const signed = headers[PRINCIPAL_HEADER];
  if (typeof signed === 'string') {
    return verifyPrincipal(signed, services.config.principalSecret, services.now().getTime()) ?? null;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return (await authenticateAccessToken(accountDeps(services), bearer)) ?? null;
  return null;
}

function accountDeps(services: BillingServices): AccountDeps {
  return { store: services.store, sessionSecret: services.config.sessionSecret, now: services.now };
}

export function createContext(services: BillingServices, principal: Principal | null): BillingContext {
  return {
    ...accountDeps(services),
    keys: services.keys,
    loaders: createLoaders(services.store),
    services,
    principal,
  };
}
