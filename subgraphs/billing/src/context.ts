/**
 * What every billing resolver receives: fresh loaders for each request, the store for listings, the
 * services that hold state across requests, and the caller's principal (null when anonymous).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { checkPrincipal, PRINCIPAL_HEADER, type Principal as SignedPrincipal } from '@meridian/kit';
import { authenticateAccessToken, type AccountDeps } from './auth/accounts';
import type { KeyDirectory } from './auth/key-directory';
import type { KeyDeps } from './auth/key-lifecycle';
import type { AttemptCounter, RecoveryDeps } from './auth/recovery';
import type { Mailer } from './mail/mailer';
import type { CurrentUsers } from './auth/current-users';
import { fromSignedPrincipal, type Principal } from './auth/principal';
import type { BillingConfig } from './config';
import { createLoaders, type BillingLoaders } from './loaders';
import type { BillingStore } from './store';

/** What lives as long as the service: the store, the key directory, the settings resolvers need. */
export interface BillingServices {
  readonly store: BillingStore;
  readonly keys: KeyDirectory;
  /** Portal users' current roles and partners, which every call of a session is decided with. */
  readonly users: CurrentUsers;
  readonly config: Pick<
    BillingConfig,
    | 'sessionSecret'
    | 'principalSecret'
    | 'mode'
    | 'revenueTargetCents'
    | 'taxRateBasisPoints'
    | 'portalUrl'
    | 'currency'
    | 'businessRevenueTargetCents'
    | 'quotaWatchPercent'
    | 'paymentTermsDays'
    | 'invoiceNumberPrefix'
    | 'seller'
  >;
  readonly now: () => Date;
  readonly mailer: Mailer;
  /** Password-reset and access requests per e-mail address. */
  readonly accountRequests: AttemptCounter;
  readonly onMailFailure: (error: unknown) => void;
}

export interface BillingContext extends RecoveryDeps, KeyDeps {
  readonly loaders: BillingLoaders;
  readonly store: BillingStore;
  readonly services: BillingServices;
  readonly principal: Principal | null;
  /** The principal as the gateway signed it (null without one), which kit's access guard checks. */
  readonly signed: SignedPrincipal | null;
}

/** Who calls, as billing reasons about it and as the gateway signed it. */
export interface Callers {
  readonly principal: Principal | null;
  readonly signed: SignedPrincipal | null;
}

/**
 * The caller: the gateway's signed principal when there is one (a bad or stale signature is refused with
 * UNAUTHENTICATED, by kit), else the portal user of a billing access token, else nobody. Like every
 * subgraph, billing refuses a call with neither outside development.
 */
export async function principalOf(services: BillingServices, headers: IncomingHttpHeaders): Promise<Callers> {
  const { principalSecret, mode } = services.config;
  const signed = headers[PRINCIPAL_HEADER];
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  // Outside development every call comes through the gateway, which turns a session into a signed principal.
  if (signed === undefined && bearer && mode === 'development') {
    const session = await authenticateAccessToken(accountDeps(services), bearer);
    if (session) return { principal: session, signed: null };
  }
  const verified = checkPrincipal(signed, principalSecret, mode);
  // The gateway signed the role the session had when it looked it up; billing decides with the current one.
  return { principal: await services.users.current(fromSignedPrincipal(verified)), signed: verified };
}

function accountDeps(services: BillingServices): AccountDeps {
  return { store: services.store, sessionSecret: services.config.sessionSecret, now: services.now };
}

export function createContext(services: BillingServices, { principal, signed }: Callers): BillingContext {
  return {
    ...accountDeps(services),
    mailer: services.mailer,
    portalUrl: services.config.portalUrl,
    accountRequests: services.accountRequests,
    onMailFailure: services.onMailFailure,
    keys: services.keys,
    loaders: createLoaders(services.store),
    services,
    principal,
    signed,
  };
}
