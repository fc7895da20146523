/** Row types of the telemetry store, as Kysely sees them. */
export interface FleetTable {
  id: string;
  name: string;
  operator_id: string;
}

export interface AircraftTable {
  id: string;
  registration: string;
  type: string;
  operator_id: string;
  fleet_id: string | null;
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

/** Integer columns that PostgreSQL returns as strings (`bigint`) are typed as both. */
type BigInt = number | string;

export interface FlightTable {
  engine_id: string;
  cycle: number;
  departed_at: BigInt;
  arrived_at: BigInt;
  channels: string;
}

export interface AssessmentTable {
  engine_id: string;
  cycle: number;
  assessed_at: BigInt;
  health_index: number;
  health_trend: number;
  rul: number;
  rul_lower: number;
  rul_upper: number;
}

export interface ReadingChunkTable {
  engine_id: string;
  sensor: string;
  first_time: number;
  last_time: number;
  count: number;
  period: number;
  times: Uint8Array | null;
  values: Uint8Array;
}

interface RollupTable {
  engine_id: string;
  sensor: string;
  resolution: number;
  bucket: BigInt;
  min: number;
  max: number;
  sum: number;
  count: BigInt;
}

interface SeriesHeadTable {
  engine_id: string;
  sensor: string;
  time: number;
  value: number;
}

interface IngestBatchTable {
  idempotency_key: string;
  readings: BigInt;
  series: number;
  received_at: BigInt;
}

export interface AlertTable {
  id: string;
  engine_id: string;
  sensor: string | null;
  kind: string;
  severity: string;
  message: string;
  value: number;
  raised_at: BigInt;
}

export interface TelemetryDatabase {
  fleet: FleetTable;
  aircraft: AircraftTable;
  engine: EngineTable;
  sensor: SensorTable;
  flight: FlightTable;
  assessment: AssessmentTable;
  reading_chunk: ReadingChunkTable;
  rollup: RollupTable;
  series_head: SeriesHeadTable;
  ingest_batch: IngestBatchTable;
  alert: AlertTable;
}
