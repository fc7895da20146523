/**
 * The telemetry store: every read and write of fleet and sensor data goes through here, so loaders and
 * resolvers never see SQL. Rows leave it as camel-cased records.
 */
import { openDatabase, pingDatabase, type DatabaseLocation, type OpenedStore } from '@meridian/kit';
import type { Kysely } from 'kysely';
import { migrations } from './migrations';
import { seedIfEmpty } from './seed';
import type { AircraftTable, EngineTable, SensorTable, TelemetryDatabase } from './tables';

export interface AircraftRecord {
  id: string;
  registration: string;
  type: string;
  operatorId: string;
}

export interface EngineRecord {
  id: string;
  aircraftId: string;
  position: number;
  model: string;
  serial: string;
}

export interface SensorRecord {
  id: string;
  engineModel: string;
  name: string;
  description: string;
  unit: string;
  normalMin: number;
  normalMax: number;
}

export interface TelemetryStore {
  aircraftByIds(ids: readonly string[]): Promise<AircraftRecord[]>;
  aircraftByOperatorIds(operatorIds: readonly string[]): Promise<AircraftRecord[]>;
  listAircraft(): Promise<AircraftRecord[]>;
  enginesByIds(ids: readonly string[]): Promise<EngineRecord[]>;
  enginesByAircraftIds(aircraftIds: readonly string[]): Promise<EngineRecord[]>;
  sensorsByIds(ids: readonly string[]): Promise<SensorRecord[]>;
  sensorsByEngineModels(models: readonly string[]): Promise<SensorRecord[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openTelemetryStore(options: {
  location: DatabaseLocation;
  seed: number;
}): Promise<OpenedStore<TelemetryStore>> {
  const { db, seeded } = await openDatabase<TelemetryDatabase>({
    location: options.location,
    migrations,
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, options.seed),
  });
  return { store: createTelemetryStore(db), seeded };
}

const toAircraft = (row: AircraftTable): AircraftRecord => ({
  id: row.id,
  registration: row.registration,
  type: row.type,
  operatorId: row.operator_id,
});

const toEngine = (row: EngineTable): EngineRecord => ({
  id: row.id,
  aircraftId: row.aircraft_id,
  position: row.position,
  model: row.model,
  serial: row.serial,
});

const toSensor = (row: SensorTable): SensorRecord => ({
  id: row.id,
  engineModel: row.engine_model,
  name: row.name,
  description: row.description,
  unit: row.unit,
  normalMin: row.normal_min,
  normalMax: row.normal_max,
});

export function createTelemetryStore(db: Kysely<TelemetryDatabase>): TelemetryStore {
  const aircraft = () => db.selectFrom('aircraft').selectAll();
  const engines = () => db.selectFrom('engine').selectAll();
  const sensors = () => db.selectFrom('sensor').selectAll();
  return {
    aircraftByIds: async (ids) => (await aircraft().where('id', 'in', ids).execute()).map(toAircraft),
    aircraftByOperatorIds: async (operatorIds) =>
      (await aircraft().where('operator_id', 'in', operatorIds).orderBy('registration').execute()).map(
        toAircraft,
      ),
    listAircraft: async () => (await aircraft().orderBy('registration').execute()).map(toAircraft),
    enginesByIds: async (ids) => (await engines().where('id', 'in', ids).execute()).map(toEngine),
    enginesByAircraftIds: async (aircraftIds) =>
      (await engines().where('aircraft_id', 'in', aircraftIds).orderBy('position').execute()).map(toEngine),
    sensorsByIds: async (ids) => (await sensors().where('id', 'in', ids).execute()).map(toSensor),
    sensorsByEngineModels: async (models) =>
      (await sensors().where('engine_model', 'in', models).orderBy('id').execute()).map(toSensor),
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}
