/**
 * How long the telemetry subgraph's answers may be cached. Fleet data is read only by its operator's callers
 * (`../access.ts`), so every hint on it is private: one caller's answer is never another's. The sensor catalog
 * is reference data, the same for every reader. Types only mutations and subscriptions return have no hint:
 * those answers are never cached.
 */
import type { CacheLifetime } from '@meridian/kit';

/** Sensors of an engine model: change only when a catalog is imported. */
export const SENSOR_CATALOG: CacheLifetime = { maxAge: 3600, scope: 'PUBLIC' };
/** Fleets, aircraft, engines and who operates them: change rarely, filtered by operator. */
export const FLEET: CacheLifetime = { maxAge: 30, scope: 'PRIVATE' };
/** Flights, health, remaining life, alerts, series, attention: change with every batch of readings. */
export const ENGINE_STATE: CacheLifetime = { maxAge: 5, scope: 'PRIVATE' };
