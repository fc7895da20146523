/** The telemetry service's configuration and limits: the only place it reads the environment. */
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';

const DEFAULT_PORT = 4002;

/** Largest sensor catalog of one engine model. */
export const MAX_SENSORS_PER_MODEL = 5_000;
/** List sizes the gateway's cost estimate assumes where a list has no slicing argument (`@listSize`). */
export const ASSUMED_FLEETS = 20;
export const ASSUMED_FLEETS_PER_OPERATOR = 2;
export const ASSUMED_AIRCRAFT_PER_OPERATOR = 10;
/** Engines on one aircraft (four-engined types). */
export const MAX_ENGINES_PER_AIRCRAFT = 4;
/** Readings one `ingestReadings` mutation may carry; larger batches go to `POST /ingest`. */
export const MAX_MUTATION_READINGS = 10_000;
/** Largest `POST /ingest` body. */
export const MAX_INGEST_BYTES = 256 * 1024 * 1024;
/** How far ahead of the server's clock a reading's time may be (clock skew of the sender). */
export const MAX_FUTURE_MS = 5 * 60_000;
/** Problems listed in one rejection; the count of all of them is given beside. */
export const MAX_REPORTED_PROBLEMS = 1_000;
/** Longest idempotency key. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** Most buckets one `series` query may ask for. */
export const MAX_SERIES_BUCKETS = 5_000;
/** Raw readings a `series` query may read when no rollup is fine enough. */
export const MAX_RAW_READINGS = 2_000_000;
/** Most rows of a list query (alerts, flights, fleet overview). */
export const MAX_LIST_SIZE = 500;
/** Live readings are published as per-sensor summaries of windows this long; the shortest `every`. */
export const LIVE_WINDOW_MS = 100;
/** Readings older than this when they arrive are history, not published live. */
export const LIVE_HORIZON_MS = 60_000;
/** Longest interval between the frames of a `sensorReadings` subscription. */
export const MAX_LIVE_EVERY_MS = 3_600_000;
/** Most sensors one `sensorReadings` subscription may follow. */
export const MAX_LIVE_SENSORS = 500;
/** Frames kept for a subscriber that reads slower than they come; older ones are dropped. */
export const MAX_QUEUED_FRAMES = 1_000;
/** Time window of one stored chunk of readings. */
export const CHUNK_WINDOW_MS = 60_000;
/** On PostgreSQL, raw readings are partitioned by time: partitions are created to cover at least this far ahead. */
export const RAW_PARTITIONS_AHEAD_MS = 3 * 86_400_000;
/** How often each replica creates partitions ahead, moves stray readings into theirs and applies the retention. */
export const PARTITION_MAINTENANCE_EVERY_MS = 3_600_000;
/**
 * Longest wait of partition maintenance for the readings table's lock (held by ingest transactions), after
 * which it gives up until the next run rather than queue ingest behind it.
 */
export const PARTITION_LOCK_TIMEOUT_MS = 10_000;
/** Seconds a sender refused because ingest is full (or stopped) is told to wait before sending again. */
export const INGEST_RETRY_AFTER_S = 1;
/** Times a batch is validated and written when writers elsewhere keep storing newer readings of its series first. */
export const MAX_INGEST_ATTEMPTS = 3;

export interface TelemetryConfig extends SubgraphConfig {
  /** Size of the demo engine model's sensor catalog: the 21 C-MAPSS channels plus auxiliary ones. */
  readonly demoSensors: number;
  /** Flights of history each demo engine has flown when the store is created. */
  readonly demoFlights: number;
  /** Sampling rate of the live demo stream; 0 turns it off. */
  readonly streamRateHz: number;
  /** Channels each demo engine streams. */
  readonly streamSensors: number;
  /** Time between the landings of the demo engines' flights while streaming. */
  readonly flightEveryMs: number;
  /**
   * `POST /ingest` bodies taken at once (being read, queued or written); one more is refused with 429. Bounds
   * the memory bodies take: up to this many times `MAX_INGEST_BYTES`, about 40 MB each at 5 M readings.
   */
  readonly ingestQueue: number;
  /** PostgreSQL only: width of a partition of raw readings. */
  readonly rawPartitionMs: number;
  /** PostgreSQL only: how long raw readings are kept (whole partitions dropped after); undefined keeps them. */
  readonly rawRetentionMs: number | undefined;
}

const DEFAULT_DEMO_SENSORS = MAX_SENSORS_PER_MODEL;
const DEFAULT_DEMO_FLIGHTS = 40;
const MAX_DEMO_FLIGHTS = 400;
/** @internal */
export const DEFAULT_STREAM_RATE_HZ = 1;
const MAX_STREAM_RATE_HZ = 1_000;
const DEFAULT_STREAM_SENSORS = 100;
const DEFAULT_FLIGHT_EVERY_S = 60;
const MAX_FLIGHT_EVERY_S = 86_400;
const DEFAULT_INGEST_QUEUE = 4;
const MAX_INGEST_QUEUE = 64;
export const DEFAULT_RAW_PARTITION_HOURS = 24;
const MAX_RAW_PARTITION_HOURS = 31 * 24;
export const DEFAULT_RAW_RETENTION_DAYS = 30;
const MAX_RAW_RETENTION_DAYS = 36_500;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How often the demo stream sends a batch. */
export const STREAM_TICK_MS = 1_000;

/** The 21 C-MAPSS channels come first in the demo catalog. */
const MIN_DEMO_SENSORS = 21;

export function loadConfig(env: Env = process.env): TelemetryConfig {
  const reader = new EnvReader('telemetry', env);
  const subgraph = readSubgraphConfig(reader, 'telemetry', DEFAULT_PORT);
  const demoSensors = reader.integer('TELEMETRY_DEMO_SENSORS', DEFAULT_DEMO_SENSORS, {
    min: MIN_DEMO_SENSORS,
    max: MAX_SENSORS_PER_MODEL,
  });
  const streamSensors = reader.integer('TELEMETRY_STREAM_SENSORS', DEFAULT_STREAM_SENSORS, {
    min: 1,
    max: MAX_SENSORS_PER_MODEL,
  });
  if (streamSensors > demoSensors) {
    reader.fail(
      `TELEMETRY_STREAM_SENSORS=${streamSensors} exceeds the demo catalog (TELEMETRY_DEMO_SENSORS=${demoSensors})`,
    );
  }
  const rawRetentionDays = reader.integer('TELEMETRY_RAW_RETENTION_DAYS', DEFAULT_RAW_RETENTION_DAYS, {
    min: 0,
    max: MAX_RAW_RETENTION_DAYS,
  });
  return reader.done({
    ...subgraph,
    demoSensors,
    demoFlights: reader.integer('TELEMETRY_DEMO_FLIGHTS', DEFAULT_DEMO_FLIGHTS, {
      min: 1,
      max: MAX_DEMO_FLIGHTS,
    }),
    streamRateHz: reader.integer('TELEMETRY_STREAM_RATE_HZ', DEFAULT_STREAM_RATE_HZ, {
      min: 0,
      max: MAX_STREAM_RATE_HZ,
    }),
    streamSensors,
    flightEveryMs:
      reader.integer('TELEMETRY_FLIGHT_EVERY_S', DEFAULT_FLIGHT_EVERY_S, {
        min: 1,
        max: MAX_FLIGHT_EVERY_S,
      }) * 1000,
    ingestQueue: reader.integer('TELEMETRY_INGEST_QUEUE', DEFAULT_INGEST_QUEUE, {
      min: 1,
      max: MAX_INGEST_QUEUE,
    }),
    rawPartitionMs:
      reader.integer('TELEMETRY_RAW_PARTITION_HOURS', DEFAULT_RAW_PARTITION_HOURS, {
        min: 1,
        max: MAX_RAW_PARTITION_HOURS,
      }) * HOUR_MS,
    // 0 keeps raw readings for good.
    rawRetentionMs: rawRetentionDays === 0 ? undefined : rawRetentionDays * DAY_MS,
  });
}
