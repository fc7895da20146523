/** The scopes a key can carry, one per domain and access kind (the gateway enforces them per field). */
export const knownScopes = ['matches:read', 'telemetry:read', 'telemetry:write', 'billing:read'] as const;
export type Scope = (typeof knownScopes)[number];

export const readScopes: readonly Scope[] = ['matches:read', 'telemetry:read', 'billing:read'];
