/** Row types of the telemetry store, as Kysely sees them. */
export interface AircraftTable {
  id: string;
  registration: string;
  type: string;
  operator_id: string;
}

export interface EngineTable {
  id: string;
  aircraft_id: string;
  position: number;
  model: string;
  serial: string;
}

export interface SensorTable {
  id: string;
  engine_model: string;
  name: string;
  description: string;
  unit: string;
  normal_min: number;
  normal_max: number;
}

export interface TelemetryDatabase {
  aircraft: AircraftTable;
  engine: EngineTable;
  sensor: SensorTable;
}
