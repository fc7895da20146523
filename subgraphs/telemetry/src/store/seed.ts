/**
 * Deterministic demo data for an empty telemetry store: twin-engine aircraft for each demo operator, and the
 * sensor catalog of their engine model (the 21 channels of NASA's C-MAPSS turbofan data, with typical
 * cruise ranges).
 */
import { Faker, en } from '@faker-js/faker';
import { demoCustomerIds } from '@meridian/kit';
import type { Kysely } from 'kysely';
import type { AircraftTable, EngineTable, SensorTable, TelemetryDatabase } from './tables';

const ENGINE_MODEL = 'TF-90';
const AIRCRAFT_PER_OPERATOR = 3;
const AIRCRAFT_TYPES = ['A320neo', 'A321neo', '737 MAX 8'];

/** name, description, unit, normal min, normal max */
const SENSORS: ReadonlyArray<readonly [string, string, string, number, number]> = [
  ['T2', 'Total temperature at fan inlet', '°R', 510, 525],
  ['T24', 'Total temperature at LPC outlet', '°R', 640, 646],
  ['T30', 'Total temperature at HPC outlet', '°R', 1570, 1620],
  ['T50', 'Total temperature at LPT outlet', '°R', 1380, 1440],
  ['P2', 'Pressure at fan inlet', 'psia', 14, 15.5],
  ['P15', 'Total pressure in bypass duct', 'psia', 21, 22],
  ['P30', 'Total pressure at HPC outlet', 'psia', 550, 558],
  ['Nf', 'Physical fan speed', 'rpm', 2386, 2390],
  ['Nc', 'Physical core speed', 'rpm', 9000, 9250],
  ['epr', 'Engine pressure ratio (P50/P2)', '', 1.2, 1.4],
  ['Ps30', 'Static pressure at HPC outlet', 'psia', 46.5, 48.5],
  ['phi', 'Ratio of fuel flow to Ps30', 'pps/psi', 519, 524],
  ['NRf', 'Corrected fan speed', 'rpm', 2386, 2390],
  ['NRc', 'Corrected core speed', 'rpm', 8100, 8300],
  ['BPR', 'Bypass ratio', '', 8.3, 8.6],
  ['farB', 'Burner fuel-air ratio', '', 0.02, 0.04],
  ['htBleed', 'Bleed enthalpy', '', 388, 400],
  ['Nf_dmd', 'Demanded fan speed', 'rpm', 2388, 2388],
  ['PCNfR_dmd', 'Demanded corrected fan speed', 'rpm', 100, 100],
  ['W31', 'HPT coolant bleed', 'lbm/s', 38, 40],
  ['W32', 'LPT coolant bleed', 'lbm/s', 22.9, 23.7],
];

export async function seedIfEmpty(db: Kysely<TelemetryDatabase>, seed: number): Promise<boolean> {
  const existing = await db.selectFrom('aircraft').select('id').limit(1).execute();
  if (existing.length > 0) return false;
  const faker = new Faker({ locale: en, seed });

  const operators = demoCustomerIds('AVIATION').flatMap((operatorId) =>
    Array.from({ length: AIRCRAFT_PER_OPERATOR }, () => operatorId),
  );
  const registrations = faker.helpers.uniqueArray(
    () => `EI-${faker.string.alpha({ length: 3, casing: 'upper' })}`,
    operators.length,
  );
  const aircraft: AircraftTable[] = operators.map((operatorId, index) => ({
    id: `ac_${String(index + 1).padStart(4, '0')}`,
    registration: registrations[index] as string,
    type: faker.helpers.arrayElement(AIRCRAFT_TYPES),
    operator_id: operatorId,
  }));

  const engines: EngineTable[] = aircraft.flatMap((plane) =>
    [1, 2].map((position) => ({
      id: `${plane.id.replace('ac', 'eng')}_${position}`,
      aircraft_id: plane.id,
      position,
      model: ENGINE_MODEL,
      serial: `${ENGINE_MODEL}-${faker.string.numeric({ length: 6, allowLeadingZeros: false })}`,
    })),
  );

  const sensors: SensorTable[] = SENSORS.map(([name, description, unit, min, max]) => ({
    id: `${ENGINE_MODEL}.${name}`,
    engine_model: ENGINE_MODEL,
    name,
    description,
    unit,
    normal_min: min,
    normal_max: max,
  }));

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('aircraft').values(aircraft).execute();
    await trx.insertInto('engine').values(engines).execute();
    await trx.insertInto('sensor').values(sensors).execute();
  });
  return true;
}
