/**
 * The identity step, which each door runs before the pipeline: the credentials a call presents (an API key, a
 * portal session's bearer token, or none) become the request's context, or a coded refusal.
 */
import { codedError } from '@meridian/schema';
import type { Principal } from '@meridian/kit/principal';
import type { Request } from 'express';
import type { Caller, GatewayContext } from '../request';
import type { KeyDirectory, PlanLimits } from './identity';
import type { SessionDirectory } from './sessions';

/** The principal of a call that carries no credentials: only the scopes configured for anonymous calls. */
export function anonymous(scopes: readonly string[]): Principal {
  return { scopes };
}

export const API_KEY_HEADER = 'x-api-key';

export interface IdentityOptions {
  /** Where keys are checked; without it every call is anonymous. */
  readonly keys: KeyDirectory | undefined;
  /** Where portal sessions are checked. */
  readonly sessions: SessionDirectory | undefined;
  readonly anonymousScopes: readonly string[];
  /**
   * The budget of unknown credentials per client address (each one costs billing a lookup): `admit` throws
   * before a lookup when the address has used it up, `spend` counts a credential billing did not know.
   */
  readonly unknownCredentials?: {
    admit(clientAddress: string): Promise<void>;
    spend(clientAddress: string): Promise<void>;
  };
}

const BEARER = /^Bearer\s+(\S+)$/i;

export function callerOf(request: Request): Caller {
  const key = request.headers[API_KEY_HEADER];
  return {
    apiKey: Array.isArray(key) ? key[0] : key,
    authorization: request.headers.authorization,
    // The client's address, or the one the trusted load balancer in front names (TRUSTED_PROXIES).
    clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown',
    requestId: String(request.res?.locals.requestId ?? ''),
  };
}

/**
 * A request's context. Every context has the same properties in the same order (the flags only when set,
 * undefined otherwise), so the code that reads them sees one shape.
 */
function contextOf(
  caller: Caller,
  principal: Principal,
  plan?: PlanLimits,
  flags: { readonly partnerSuspended?: boolean; readonly safelistOnly?: boolean } = {},
): GatewayContext {
  return {
    principal,
    plan,
    partnerSuspended: flags.partnerSuspended === true ? true : undefined,
    safelistOnly: flags.safelistOnly === true ? true : undefined,
    requestId: caller.requestId,
    clientAddress: caller.clientAddress,
    caller,
    ledger: { subgraphs: new Set<string>() },
  };
}

/**
 * The identity step of the pipeline: a call with a key is that key's partner, one with a portal session that
 * user; a bad credential is refused with the reason, never treated as anonymous.
 */
export async function identifyCaller(caller: Caller, options: IdentityOptions): Promise<GatewayContext> {
  const bearer = BEARER.exec(caller.authorization ?? '')?.[1];
  if (caller.apiKey === undefined && bearer && options.sessions) {
    if (!options.sessions.knows(bearer)) await options.unknownCredentials?.admit(caller.clientAddress);
    const session = await options.sessions.identify(bearer);
    if (session.ok) {
      const { principal, plan, partnerSuspended } = session.grant;
      return contextOf(caller, principal, plan, { partnerSuspended });
    }
    if (session.reason === 'invalid') await options.unknownCredentials?.spend(caller.clientAddress);
    throw session.reason === 'unavailable'
      ? codedError('SERVICE_UNAVAILABLE', 'the session cannot be checked right now; retry shortly', {
          http: { status: 503 },
        })
      : codedError('UNAUTHENTICATED', 'the session is unknown, expired or signed out; sign in again', {
          reason: 'session',
          http: { status: 401 },
        });
  }
  if (caller.apiKey === undefined || !options.keys) {
    return contextOf(caller, anonymous(options.anonymousScopes));
  }
  const { unknownCredentials } = options;
  const identified = await options.keys.identify(
    caller.apiKey,
    unknownCredentials && (() => unknownCredentials.admit(caller.clientAddress)),
  );
  if (!identified.ok && (identified.reason === 'unknown' || identified.reason === 'malformed')) {
    await options.unknownCredentials?.spend(caller.clientAddress);
  }
  if (identified.ok) {
    const { principal, plan, safelistOnly } = identified.grant;
    return contextOf(caller, principal, plan, { safelistOnly });
  }
  if (identified.reason === 'unavailable') {
    throw codedError('SERVICE_UNAVAILABLE', 'the API key cannot be checked right now; retry shortly', {
      http: { status: 503 },
    });
  }
  if (identified.reason === 'suspended') {
    throw codedError(
      'PARTNER_SUSPENDED',
      "the API key's partner is suspended; contact Meridian to reactivate it",
      {
        reason: identified.reason,
        http: { status: 403 },
      },
    );
  }
  throw codedError('UNAUTHENTICATED', `the API key is ${identified.reason}`, {
    reason: identified.reason,
    http: { status: 401 },
  });
}
