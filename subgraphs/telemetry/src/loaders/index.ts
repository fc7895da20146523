/** The per-request DataLoaders of the telemetry subgraph: one batched store call per entity kind and tick. */
import { createGroupLoader, createRowLoader } from '@meridian/kit';
import type { TelemetryStore } from '../store';

export function createLoaders(store: TelemetryStore) {
  return {
    aircraft: createRowLoader(
      (ids: readonly string[]) => store.aircraftByIds(ids),
      (row) => row.id,
    ),
    aircraftByOperator: createGroupLoader(
      (ids: readonly string[]) => store.aircraftByOperatorIds(ids),
      (row) => row.operatorId,
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
  };
}

export type TelemetryLoaders = ReturnType<typeof createLoaders>;
