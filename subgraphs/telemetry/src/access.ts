/**
 * Whose fleet data a caller reaches, from the principal the gateway signed. A partner linked to an operator
 * (its billing customer) reads and writes that operator's fleets, aircraft, engines, series and alerts; the
 * `telemetry:catalog` scope and the business team's admins read every operator's, yet write no engine but
 * the caller's own operator's. An unsigned call (which kit lets through in development only) is the
 * platform's own tooling: it reads and writes everything. Anyone else reads no fleet data at all, and is
 * answered as if none existed.
 */
import type { Principal } from '@meridian/kit';
import type { Operators } from './store';

/** The scope that widens reads from the caller's own operator to every operator. */
const CATALOG_SCOPE = 'telemetry:catalog';

export interface TelemetryAccess {
  /** Whether every operator's fleet data may be read. */
  readonly readsAll: boolean;
  /** Whether readings may be written to any engine: only the platform's own unsigned calls. */
  readonly writesAll: boolean;
  /** The operator whose data the caller owns, reads and writes; null when it has none. */
  readonly operatorId: string | null;
}

export function accessOf(principal: Principal | null): TelemetryAccess {
  if (!principal) return { readsAll: true, writesAll: true, operatorId: null };
  return {
    readsAll: principal.role === 'admin' || principal.scopes.includes(CATALOG_SCOPE),
    writesAll: false,
    operatorId: principal.customerId ?? null,
  };
}

/** The operators whose rows a read may return, as the store's queries take them. */
export function readableOperators(access: TelemetryAccess): Operators {
  if (access.readsAll) return undefined;
  return access.operatorId === null ? [] : [access.operatorId];
}

/** The operators whose engines a batch may write to, in the same form. */
export function writableOperators(access: TelemetryAccess): Operators {
  if (access.writesAll) return undefined;
  return access.operatorId === null ? [] : [access.operatorId];
}

export function mayRead(access: TelemetryAccess, operatorId: string | null): boolean {
  return access.readsAll || (operatorId !== null && operatorId === access.operatorId);
}
