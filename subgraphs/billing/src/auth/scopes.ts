/**
 * Billing's view of the scopes (`@meridian/contracts` names them all): which a plan sells, and which manage the
 * partner's own account. `telemetry:catalog` widens `telemetry:read` from the partner's own operator to every
 * operator's fleets; the telemetry subgraph enforces it.
 */
import { DATA_SCOPES, MANAGEMENT_SCOPES, type DataScope, type ManagementScope } from '@meridian/contracts';

/** The data scopes: what a plan can sell. */
export const knownScopes = DATA_SCOPES;
export type Scope = DataScope;

export const CATALOG_SCOPE: Scope = 'telemetry:catalog';

export const readScopes: readonly Scope[] = ['matches:read', 'telemetry:read', 'billing:read'];

/**
 * Scopes that manage the partner's own account rather than read or write data: its keys, its people, its
 * safelist and its billing profile (who its invoices are addressed to). Portal sessions hold them by role; a key holds them only when it was created with them, so a key
 * made for reading matches cannot mint, roll or revoke keys, invite people or change the safelist. Any plan
 * allows them: they sell nothing.
 */
export const managementScopes = MANAGEMENT_SCOPES;
export type { ManagementScope };
