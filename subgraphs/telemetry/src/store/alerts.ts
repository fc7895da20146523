/**
 * Alerts on engines: threshold alerts raised by ingest and trend alerts raised after flights (both written
 * with what raised them, through `insertAlerts`), read per engine or listed with filters. An alert belongs to
 * the operator of its engine's aircraft.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { insertInBatches } from './rows';
import { engineIdsOf, noOperators, type Operators } from './scope';
import type { AlertTable, TelemetryDatabase } from './tables';

type AlertKind = 'THRESHOLD' | 'TREND';
export type AlertSeverity = 'WARNING' | 'CRITICAL';

export interface AlertRecord {
  id: string;
  engineId: string;
  sensor: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  message: string;
  value: number;
  raisedAt: number;
}

interface AlertFilter {
  readonly engineIds?: readonly string[];
  readonly operators?: Operators;
  readonly fleetId?: string;
  readonly kind?: AlertKind;
  readonly severity?: AlertSeverity;
  readonly since?: number;
  readonly first: number;
}

export interface AlertStore {
  /** The newest `perEngine` alerts of each engine, newest first. */
  latestAlertsByEngineIds(engineIds: readonly string[], perEngine: number): Promise<AlertRecord[]>;
  listAlerts(filter: AlertFilter): Promise<AlertRecord[]>;
}

const toAlert = (row: AlertTable): AlertRecord => ({
  id: row.id,
  engineId: row.engine_id,
  sensor: row.sensor,
  kind: row.kind as AlertKind,
  severity: row.severity as AlertSeverity,
  message: row.message,
  value: row.value,
  raisedAt: Number(row.raised_at),
});

const fromAlert = (alert: AlertRecord): AlertTable => ({
  id: alert.id,
  engine_id: alert.engineId,
  sensor: alert.sensor,
  kind: alert.kind,
  severity: alert.severity,
  message: alert.message,
  value: alert.value,
  raised_at: alert.raisedAt,
});

/** Writes alerts inside the transaction of what raised them; an alert already stored (same id) is kept. */
export async function insertAlerts(
  trx: Transaction<TelemetryDatabase>,
  alerts: readonly AlertRecord[],
): Promise<void> {
  await insertInBatches(alerts.map(fromAlert), (rows) =>
    trx
      .insertInto('alert')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute(),
  );
}

export function createAlertStore(db: Kysely<TelemetryDatabase>): AlertStore {
  return {
    latestAlertsByEngineIds: async (engineIds, perEngine) => {
      const ranked = db
        .selectFrom('alert')
        .selectAll()
        .select(
          sql<number>`row_number() over (partition by engine_id order by raised_at desc, id)`.as('rank'),
        )
        .where('engine_id', 'in', engineIds)
        .as('ranked');
      const rows = await db
        .selectFrom(ranked)
        .selectAll()
        .where('rank', '<=', perEngine)
        .orderBy('engine_id')
        .orderBy('raised_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toAlert);
    },
    listAlerts: async (filter) => {
      if (noOperators(filter.operators)) return [];
      let query = db.selectFrom('alert').selectAll();
      if (filter.engineIds) query = query.where('engine_id', 'in', filter.engineIds);
      if (filter.fleetId !== undefined || filter.operators !== undefined) {
        query = query.where('engine_id', 'in', engineIdsOf(db, filter.fleetId, filter.operators));
      }
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      if (filter.severity) query = query.where('severity', '=', filter.severity);
      if (filter.since !== undefined) query = query.where('raised_at', '>=', filter.since);
      return (await query.orderBy('raised_at', 'desc').orderBy('id').limit(filter.first).execute()).map(
        toAlert,
      );
    },
  };
}
