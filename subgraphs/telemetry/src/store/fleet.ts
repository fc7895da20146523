/**
 * The fleet as the store holds it: fleets, aircraft and engines, read only within the operators a caller
 * may see (see scope.ts), and the sensor catalog of each engine model, which every reader sees. `writeFleet`
 * lays a whole fleet down at once (demo seed, C-MAPSS import).
 */
import type { Kysely } from 'kysely';
import { insertInBatches } from './rows';
import { noOperators, type Operators } from './scope';
import type { AircraftTable, EngineTable, FleetTable, SensorTable, TelemetryDatabase } from './tables';

export interface FleetRecord {
  id: string;
  name: string;
  operatorId: string;
}

export interface AircraftRecord {
  id: string;
  registration: string;
  type: string;
  operatorId: string;
  fleetId: string | null;
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

interface FleetWrite {
  readonly fleets: readonly FleetRecord[];
  readonly aircraft: readonly AircraftRecord[];
  readonly engines: readonly EngineRecord[];
  readonly sensors: readonly SensorRecord[];
}

export interface FleetStore {
  fleetsByIds(ids: readonly string[], operators?: Operators): Promise<FleetRecord[]>;
  fleetsByOperatorIds(operatorIds: readonly string[], operators?: Operators): Promise<FleetRecord[]>;
  listFleets(operators?: Operators): Promise<FleetRecord[]>;
  aircraftByIds(ids: readonly string[], operators?: Operators): Promise<AircraftRecord[]>;
  aircraftByOperatorIds(operatorIds: readonly string[], operators?: Operators): Promise<AircraftRecord[]>;
  aircraftByFleetIds(fleetIds: readonly string[], operators?: Operators): Promise<AircraftRecord[]>;
  listAircraft(operators?: Operators): Promise<AircraftRecord[]>;
  enginesByIds(ids: readonly string[], operators?: Operators): Promise<EngineRecord[]>;
  enginesByAircraftIds(aircraftIds: readonly string[], operators?: Operators): Promise<EngineRecord[]>;
  sensorsByIds(ids: readonly string[]): Promise<SensorRecord[]>;
  sensorsByEngineModels(models: readonly string[]): Promise<SensorRecord[]>;
  writeFleet(write: FleetWrite): Promise<void>;
}

const toFleet = (row: FleetTable): FleetRecord => ({
  id: row.id,
  name: row.name,
  operatorId: row.operator_id,
});

const toAircraft = (row: AircraftTable): AircraftRecord => ({
  id: row.id,
  registration: row.registration,
  type: row.type,
  operatorId: row.operator_id,
  fleetId: row.fleet_id,
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

export function createFleetStore(db: Kysely<TelemetryDatabase>): FleetStore {
  const fleets = (operators: Operators) => {
    const query = db.selectFrom('fleet').selectAll();
    return operators === undefined ? query : query.where('operator_id', 'in', operators);
  };
  const aircraft = (operators: Operators) => {
    const query = db.selectFrom('aircraft').selectAll();
    return operators === undefined ? query : query.where('operator_id', 'in', operators);
  };
  const engines = (operators: Operators) => {
    const query = db.selectFrom('engine').selectAll();
    if (operators === undefined) return query;
    return query.where('aircraft_id', 'in', (eb) =>
      eb.selectFrom('aircraft').select('aircraft.id').where('aircraft.operator_id', 'in', operators),
    );
  };
  const sensors = () => db.selectFrom('sensor').selectAll();

  return {
    fleetsByIds: async (ids, operators) =>
      noOperators(operators) ? [] : (await fleets(operators).where('id', 'in', ids).execute()).map(toFleet),
    fleetsByOperatorIds: async (operatorIds, operators) =>
      noOperators(operators)
        ? []
        : (await fleets(operators).where('operator_id', 'in', operatorIds).orderBy('id').execute()).map(
            toFleet,
          ),
    listFleets: async (operators) =>
      noOperators(operators) ? [] : (await fleets(operators).orderBy('id').execute()).map(toFleet),
    aircraftByIds: async (ids, operators) =>
      noOperators(operators)
        ? []
        : (await aircraft(operators).where('id', 'in', ids).execute()).map(toAircraft),
    aircraftByOperatorIds: async (operatorIds, operators) =>
      noOperators(operators)
        ? []
        : (
            await aircraft(operators)
              .where('operator_id', 'in', operatorIds)
              .orderBy('registration')
              .execute()
          ).map(toAircraft),
    aircraftByFleetIds: async (fleetIds, operators) =>
      noOperators(operators)
        ? []
        : (await aircraft(operators).where('fleet_id', 'in', fleetIds).orderBy('registration').execute()).map(
            toAircraft,
          ),
    listAircraft: async (operators) =>
      noOperators(operators)
        ? []
        : (await aircraft(operators).orderBy('registration').execute()).map(toAircraft),
    enginesByIds: async (ids, operators) =>
      noOperators(operators) ? [] : (await engines(operators).where('id', 'in', ids).execute()).map(toEngine),
    enginesByAircraftIds: async (aircraftIds, operators) =>
      noOperators(operators)
        ? []
        : (
            await engines(operators).where('aircraft_id', 'in', aircraftIds).orderBy('position').execute()
          ).map(toEngine),
    sensorsByIds: async (ids) => (await sensors().where('id', 'in', ids).execute()).map(toSensor),
    sensorsByEngineModels: async (models) =>
      (await sensors().where('engine_model', 'in', models).orderBy('id').execute()).map(toSensor),
    writeFleet: (write) =>
      db.transaction().execute(async (trx) => {
        await insertInBatches(
          write.fleets.map((f) => ({ id: f.id, name: f.name, operator_id: f.operatorId })),
          (rows) => trx.insertInto('fleet').values(rows).execute(),
        );
        await insertInBatches(
          write.aircraft.map((a) => ({
            id: a.id,
            registration: a.registration,
            type: a.type,
            operator_id: a.operatorId,
            fleet_id: a.fleetId,
          })),
          (rows) => trx.insertInto('aircraft').values(rows).execute(),
        );
        await insertInBatches(
          write.engines.map((e) => ({
            id: e.id,
            aircraft_id: e.aircraftId,
            position: e.position,
            model: e.model,
            serial: e.serial,
          })),
          (rows) => trx.insertInto('engine').values(rows).execute(),
        );
        await insertInBatches(
          write.sensors.map((s) => ({
            id: s.id,
            engine_model: s.engineModel,
            name: s.name,
            description: s.description,
            unit: s.unit,
            normal_min: s.normalMin,
            normal_max: s.normalMax,
          })),
          (rows) =>
            trx
              .insertInto('sensor')
              .values(rows)
              .onConflict((oc) => oc.column('id').doNothing())
              .execute(),
        );
      }),
  };
}
