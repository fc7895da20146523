/**
 * Engine health: each engine's flights (their C-MAPSS channel values) and the assessment made after each
 * flight (health index, remaining useful life and its bounds), written with the trend alerts they raised.
 * An engine's latest assessment is the one of its highest cycle.
 */
import type { Kysely } from 'kysely';
import { insertAlerts, type AlertRecord } from './alerts';
import { insertInBatches } from './rows';
import { engineIdsOf, noOperators, type Operators } from './scope';
import type { AssessmentTable, FlightTable, TelemetryDatabase } from './tables';

export interface FlightRecord {
  engineId: string;
  cycle: number;
  departedAt: number;
  arrivedAt: number;
  /** The C-MAPSS channel values of the flight. */
  channels: number[];
}

export interface AssessmentRecord {
  engineId: string;
  cycle: number;
  assessedAt: number;
  healthIndex: number;
  healthTrend: number;
  rul: number;
  rulLower: number;
  rulUpper: number;
}

export interface HealthStore {
  flightsByEngineIds(engineIds: readonly string[]): Promise<FlightRecord[]>;
  latestAssessmentsByEngineIds(engineIds: readonly string[]): Promise<AssessmentRecord[]>;
  /** Latest assessment of every engine (of one fleet), fewest remaining cycles first. */
  latestAssessments(fleetId?: string, operators?: Operators): Promise<AssessmentRecord[]>;
  writeFlights(
    flights: readonly FlightRecord[],
    assessments: readonly AssessmentRecord[],
    alerts: readonly AlertRecord[],
  ): Promise<void>;
}

const toFlight = (row: FlightTable): FlightRecord => ({
  engineId: row.engine_id,
  cycle: row.cycle,
  departedAt: Number(row.departed_at),
  arrivedAt: Number(row.arrived_at),
  channels: JSON.parse(row.channels) as number[],
});

const toAssessment = (row: AssessmentTable): AssessmentRecord => ({
  engineId: row.engine_id,
  cycle: row.cycle,
  assessedAt: Number(row.assessed_at),
  healthIndex: row.health_index,
  healthTrend: row.health_trend,
  rul: row.rul,
  rulLower: row.rul_lower,
  rulUpper: row.rul_upper,
});

export function createHealthStore(db: Kysely<TelemetryDatabase>): HealthStore {
  const latestCycles = () =>
    db
      .selectFrom('assessment')
      .select(['engine_id as latest_engine', (eb) => eb.fn.max('cycle').as('latest_cycle')])
      .groupBy('engine_id');
  const latestAssessments = () =>
    db
      .selectFrom('assessment')
      .innerJoin(latestCycles().as('latest'), (join) =>
        join
          .onRef('latest.latest_engine', '=', 'assessment.engine_id')
          .onRef('latest.latest_cycle', '=', 'assessment.cycle'),
      )
      .selectAll('assessment');

  return {
    flightsByEngineIds: async (engineIds) =>
      (
        await db
          .selectFrom('flight')
          .selectAll()
          .where('engine_id', 'in', engineIds)
          .orderBy('engine_id')
          .orderBy('cycle')
          .execute()
      ).map(toFlight),
    latestAssessmentsByEngineIds: async (engineIds) =>
      (await latestAssessments().where('assessment.engine_id', 'in', engineIds).execute()).map(toAssessment),
    latestAssessments: async (fleetId, operators) => {
      if (noOperators(operators)) return [];
      let query = latestAssessments();
      if (fleetId !== undefined || operators !== undefined) {
        query = query.where('assessment.engine_id', 'in', engineIdsOf(db, fleetId, operators));
      }
      return (await query.orderBy('assessment.rul').orderBy('assessment.engine_id').execute()).map(
        toAssessment,
      );
    },
    writeFlights: (flights, assessments, alerts) =>
      db.transaction().execute(async (trx) => {
        await insertInBatches(
          flights.map((f) => ({
            engine_id: f.engineId,
            cycle: f.cycle,
            departed_at: f.departedAt,
            arrived_at: f.arrivedAt,
            channels: JSON.stringify(f.channels),
          })),
          (rows) => trx.insertInto('flight').values(rows).execute(),
        );
        await insertInBatches(
          assessments.map((a) => ({
            engine_id: a.engineId,
            cycle: a.cycle,
            assessed_at: a.assessedAt,
            health_index: a.healthIndex,
            health_trend: a.healthTrend,
            rul: a.rul,
            rul_lower: a.rulLower,
            rul_upper: a.rulUpper,
          })),
          (rows) => trx.insertInto('assessment').values(rows).execute(),
        );
        await insertAlerts(trx, alerts);
      }),
  };
}
