/**
 * The scopes a key or a session can carry. Data scopes are one per domain and access kind, enforced per field
 * by the gateway and the subgraphs; `telemetry:catalog` widens `telemetry:read` from the partner's own
 * operator to every operator's fleets (it never lets a key write another operator's readings). Management
 * scopes manage the partner's own account (its keys, people, safelist and billing profile), not data.
 */
export const DATA_SCOPES = [
  'matches:read',
  'telemetry:read',
  'telemetry:write',
  'telemetry:catalog',
  'billing:read',
] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const MANAGEMENT_SCOPES = ['keys:manage', 'users:manage', 'safelist:write', 'billing:manage'] as const;
export type ManagementScope = (typeof MANAGEMENT_SCOPES)[number];

export type Scope = DataScope | ManagementScope;
export const SCOPES: readonly Scope[] = [...DATA_SCOPES, ...MANAGEMENT_SCOPES];
