/**
 * Importing C-MAPSS engines: each unit becomes an engine (on a test-rig aircraft of its own, in one fleet per
 * file), each cycle a flight whose 21 sensor values become readings; engines are assessed flight by flight
 * as live ones are. The whole file is parsed before anything is written.
 */
import { recordFlights } from '../fleet/flights';
import { FLIGHT_DURATION_MS, FLIGHT_SPACING_MS, sensorCatalog } from '../seed';
import type { TelemetryStore } from '../store';
import { groupByUnit, type CmapssRow } from './parse';

const CMAPSS_ENGINE_MODEL = 'C-MAPSS';
/** Imported flights are laid out from this date (the PHM08 challenge), one every `FLIGHT_SPACING_MS`. */
const DEFAULT_IMPORT_START = Date.UTC(2008, 9, 6);

export interface ImportOptions {
  /** Short name of the data set, e.g. `train_FD001`; ids and registrations derive from it. */
  readonly name: string;
  /** The billing customer operating the imported fleet. */
  readonly operatorId: string;
  readonly start?: number;
}

export interface ImportSummary {
  readonly fleetId: string;
  readonly engines: number;
  readonly flights: number;
  readonly readings: number;
}

export async function importCmapss(
  store: TelemetryStore,
  rows: readonly CmapssRow[],
  options: ImportOptions,
): Promise<ImportSummary> {
  const slug = options.name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const fleetId = `flt_cmapss_${slug}`;
  if ((await store.fleetsByIds([fleetId])).length > 0) {
    throw new Error(`${options.name} was imported already (fleet ${fleetId})`);
  }
  const units = [...groupByUnit(rows).entries()];
  const unitId = (unit: number) => `${slug}_u${String(unit).padStart(3, '0')}`;
  await store.writeFleet({
    fleets: [{ id: fleetId, name: `C-MAPSS ${options.name}`, operatorId: options.operatorId }],
    aircraft: units.map(([unit]) => ({
      id: `ac_${unitId(unit)}`,
      registration: `${options.name.toUpperCase()}-U${String(unit).padStart(3, '0')}`,
      type: 'C-MAPSS test rig',
      operatorId: options.operatorId,
      fleetId,
    })),
    engines: units.map(([unit]) => ({
      id: `eng_${unitId(unit)}`,
      aircraftId: `ac_${unitId(unit)}`,
      position: 1,
      model: CMAPSS_ENGINE_MODEL,
      serial: `${options.name}-${unit}`,
    })),
    sensors: sensorCatalog(CMAPSS_ENGINE_MODEL, 21),
  });
  const start = options.start ?? DEFAULT_IMPORT_START;
  const flightsByEngine = new Map(
    units.map(([unit, cycles]) => {
      const departed = (cycle: number) => start + (cycle - 1) * FLIGHT_SPACING_MS;
      const flights = cycles.map((row) => ({
        cycle: row.cycle,
        departedAt: departed(row.cycle),
        arrivedAt: departed(row.cycle) + FLIGHT_DURATION_MS,
        channels: row.sensors,
      }));
      return [`eng_${unitId(unit)}`, flights] as const;
    }),
  );
  await recordFlights(store, flightsByEngine, Date.now());
  const flights = rows.length;
  return { fleetId, engines: units.length, flights, readings: flights * 21 };
}
