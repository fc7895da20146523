/**
 * The scopes a key can carry for data, one per domain and access kind (the gateway enforces them per field).
 * `telemetry:catalog` widens `telemetry:read` from the partner's own operator to every operator's fleets,
 * aircraft, engines, series and alerts (the data product an engine maker or an insurer buys); it never lets
 * a key write another operator's readings. The telemetry subgraph enforces it.
 */
export const knownScopes = [
  'matches:read',
  'telemetry:read',
  'telemetry:write',
  'telemetry:catalog',
  'billing:read',
] as const;
export type Scope = (typeof knownScopes)[number];

export const CATALOG_SCOPE: Scope = 'telemetry:catalog';

export const readScopes: readonly Scope[] = ['matches:read', 'telemetry:read', 'billing:read'];

/**
 * Scopes that manage the partner's own account rather than read or write data: its keys, its people, its
 * safelist and its billing profile (who its invoices are addressed to). Portal sessions hold them by role; a key holds them only when it was created with them, so a key
 * made for reading matches cannot mint, roll or revoke keys, invite people or change the safelist. Any plan
 * allows them: they sell nothing.
 */
export const managementScopes = ['keys:manage', 'users:manage', 'safelist:write', 'billing:manage'] as const;
export type ManagementScope = (typeof managementScopes)[number];

export function isManagementScope(scope: string): scope is ManagementScope {
  return (managementScopes as readonly string[]).includes(scope);
}
