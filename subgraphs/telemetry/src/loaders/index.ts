/**
 * The per-request DataLoaders of the telemetry subgraph: one batched store call per entity kind and tick.
 * Fleets, aircraft and engines load only when the caller may read their operator's data: any other id
 * loads as null, exactly like an id that does not exist. What hangs off a readable engine (its flights,
 * assessments and alerts) needs no further check.
 */
import { createGroupLoader, createRowLoader } from '@meridian/kit';
import type DataLoader from 'dataloader';
import { readableOperators, type TelemetryAccess } from '../access';
import type { AlertRecord, TelemetryStore } from '../store';

export function createLoaders(store: TelemetryStore, access: TelemetryAccess) {
  const operators = readableOperators(access);
  const latestAlerts = new Map<number, DataLoader<string, AlertRecord[]>>();
  return {
    fleet: createRowLoader(
      (ids: readonly string[]) => store.fleetsByIds(ids, operators),
      (row) => row.id,
    ),
    fleetsByOperator: createGroupLoader(
      (ids: readonly string[]) => store.fleetsByOperatorIds(ids, operators),
      (row) => row.operatorId,
    ),
    aircraft: createRowLoader(
      (ids: readonly string[]) => store.aircraftByIds(ids, operators),
      (row) => row.id,
    ),
    aircraftByOperator: createGroupLoader(
      (ids: readonly string[]) => store.aircraftByOperatorIds(ids, operators),
      (row) => row.operatorId,
    ),
    aircraftByFleet: createGroupLoader(
      (ids: readonly string[]) => store.aircraftByFleetIds(ids, operators),
      (row) => row.fleetId ?? '',
    ),
    engine: createRowLoader(
      (ids: readonly string[]) => store.enginesByIds(ids, operators),
      (row) => row.id,
    ),
    enginesByAircraft: createGroupLoader(
      (ids: readonly string[]) => store.enginesByAircraftIds(ids, operators),
      (row) => row.aircraftId,
    ),
    sensor: createRowLoader(
      (ids: readonly string[]) => store.sensorsByIds(ids),
      (row) => row.id,
    ),
    sensorsByEngineModel: createGroupLoader(
      (models: readonly string[]) => store.sensorsByEngineModels(models),
      (row) => row.engineModel,
    ),
    flightsByEngine: createGroupLoader(
      (ids: readonly string[]) => store.flightsByEngineIds(ids),
      (row) => row.engineId,
    ),
    latestAssessment: createRowLoader(
      (ids: readonly string[]) => store.latestAssessmentsByEngineIds(ids),
      (row) => row.engineId,
    ),
    /** The newest `count` alerts of engines; one loader per count, since the count is part of the query. */
    latestAlerts(count: number): DataLoader<string, AlertRecord[]> {
      let loader = latestAlerts.get(count);
      if (!loader) {
        loader = createGroupLoader(
          (ids: readonly string[]) => store.latestAlertsByEngineIds(ids, count),
          (row) => row.engineId,
        );
        latestAlerts.set(count, loader);
      }
      return loader;
    },
  };
}

export type TelemetryLoaders = ReturnType<typeof createLoaders>;
