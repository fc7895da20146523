/**
 * Whose fleet data a read returns. Reads of fleet data take the operators whose rows they may return and
 * narrow in SQL: an aircraft belongs to its operator, and an engine and everything recorded about it
 * (flights, assessments, alerts) to the operator of its aircraft.
 */
import type { Kysely } from 'kysely';
import type { TelemetryDatabase } from './tables';

/**
 * Whose fleet data a read returns: every operator's when undefined, else only these operators' (nothing
 * when the list is empty).
 */
export type Operators = readonly string[] | undefined;

/** Whether `operators` rules out every row, so a read need not ask the database. */
export const noOperators = (operators: Operators) => operators !== undefined && operators.length === 0;

/** Ids of the engines on the aircraft of a fleet and of some operators, for `engine_id in (…)`. */
export function engineIdsOf(
  db: Kysely<TelemetryDatabase>,
  fleetId: string | undefined,
  operators: Operators,
) {
  let query = db
    .selectFrom('engine')
    .innerJoin('aircraft', 'aircraft.id', 'engine.aircraft_id')
    .select('engine.id');
  if (fleetId !== undefined) query = query.where('aircraft.fleet_id', '=', fleetId);
  if (operators !== undefined) query = query.where('aircraft.operator_id', 'in', operators);
  return query;
}
