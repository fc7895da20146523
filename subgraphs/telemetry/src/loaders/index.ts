/** The per-request DataLoaders of the telemetry subgraph: one batched store call per entity kind and tick. */
import { createGroupLoader, createRowLoader } from '@meridian/kit';
import type DataLoader from 'dataloader';
import type { AlertRecord, TelemetryStore } from '../store';

export function createLoaders(store: TelemetryStore) {
  const latestAlerts = new Map<number, DataLoader<string, AlertRecord[]>>();
  return {
    fleet: createRowLoader(
      (ids: readonly string[]) => store.fleetsByIds(ids),
      (row) => row.id,
    ),
    fleetsByOperator: createGroupLoader(
      (ids: readonly string[]) => store.fleetsByOperatorIds(ids),
      (row) => row.operatorId,
    ),
    aircraft: createRowLoader(
      (ids: readonly string[]) => store.aircraftByIds(ids),
      (row) => row.id,
    ),
    aircraftByOperator: createGroupLoader(
      (ids: readonly string[]) => store.aircraftByOperatorIds(ids),
      (row) => row.operatorId,
    ),
    aircraftByFleet: createGroupLoader(
      (ids: readonly string[]) => store.aircraftByFleetIds(ids),
      (row) => row.fleetId ?? '',
    ),
    engine: createRowLoader(
      (ids: readonly string[]) => store.enginesByIds(ids),
      (row) => row.id,
    ),
    enginesByAircraft: createGroupLoader(
      (ids: readonly string[]) => store.enginesByAircraftIds(ids),
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
