/** What the gateway knows of one request as it passes the pipeline: who calls, from where, and its costs. */
import type { Principal } from '@meridian/kit';
import type { Request } from 'express';

/** Figures the pipeline steps hand on to each other (limits to rate limits, all of them to metering). */
export interface RequestLedger {
  estimatedCost?: number;
  actualCost?: number;
  /** Cost points left in the caller's rate-limit window after this operation. */
  costRemaining?: number;
}

export interface GatewayContext {
  readonly principal: Principal;
  /** The client's address, which anonymous calls are limited by. */
  readonly clientAddress: string;
  readonly ledger: RequestLedger;
}

/** The principal of a call that carries no credentials: only the scopes configured for anonymous calls. */
export function anonymous(scopes: readonly string[]): Principal {
  return { scopes };
}

export function createContext(request: Request, anonymousScopes: readonly string[]): GatewayContext {
  return {
    principal: anonymous(anonymousScopes),
    clientAddress: request.socket.remoteAddress ?? 'unknown',
    ledger: {},
  };
}
