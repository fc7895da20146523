/**
 * Deterministic demo data for an empty telemetry store: a fleet of twin-engine aircraft for each demo
 * operator, the sensor catalog of their engine model (the 21 C-MAPSS channels plus auxiliary ones up to the
 * configured size), and each engine's flights so far, degrading towards failure, ending at `now`. Made from
 * the domain's generators and written through the store. The sensor catalog and the flights' spacing are the
 * C-MAPSS importer's too.
 */
import { Faker, en } from '@faker-js/faker';
import { demoCustomerIds } from '@meridian/kit';
import { CMAPSS_SENSORS, normalRange } from '../cmapss/sensors';
import { recordFlights, type NewFlight } from '../fleet/flights';
import { AUX_NOMINAL, AUX_RANGE, auxiliaryName, flightValues, planEngine } from '../generate/fleet';
import type { AircraftRecord, EngineRecord, FleetRecord, SensorRecord, TelemetryStore } from '../store';

export const DEMO_ENGINE_MODEL = 'TF-90';
const AIRCRAFT_PER_OPERATOR = 3;
const AIRCRAFT_TYPES = ['A320neo', 'A321neo', '737 MAX 8'];
/** Time between the departures of an aircraft's flights, and a flight's length. */
export const FLIGHT_SPACING_MS = 8 * 3_600_000;
export const FLIGHT_DURATION_MS = 2 * 3_600_000;

export interface DemoOptions {
  readonly seed: number;
  /** Size of the engine model's sensor catalog (21 C-MAPSS channels, the rest auxiliary). */
  readonly sensors: number;
  /** Most flights of history written per engine. */
  readonly flights: number;
  /** When the last flight of every engine lands. */
  readonly now: number;
}

export function sensorCatalog(model: string, size: number): SensorRecord[] {
  const cmapss = CMAPSS_SENSORS.slice(0, size).map((channel) => {
    const range = normalRange(channel);
    return {
      id: `${model}.${channel.name}`,
      engineModel: model,
      name: channel.name,
      description: channel.description,
      unit: channel.unit,
      normalMin: range.min,
      normalMax: range.max,
    };
  });
  const auxiliary = Array.from({ length: Math.max(0, size - CMAPSS_SENSORS.length) }, (_, index) => ({
    id: `${model}.${auxiliaryName(index)}`,
    engineModel: model,
    name: auxiliaryName(index),
    description: `Auxiliary channel ${index + 1}`,
    unit: '',
    normalMin: AUX_NOMINAL - AUX_RANGE,
    normalMax: AUX_NOMINAL + AUX_RANGE,
  }));
  return [...cmapss, ...auxiliary];
}

interface DemoFleet {
  readonly fleets: FleetRecord[];
  readonly aircraft: AircraftRecord[];
  readonly engines: EngineRecord[];
  readonly sensors: SensorRecord[];
}

function demoFleet(options: Pick<DemoOptions, 'seed' | 'sensors'>): DemoFleet {
  const faker = new Faker({ locale: en, seed: options.seed });
  const operatorIds = demoCustomerIds('AVIATION');
  const fleets = operatorIds.map((operatorId, index) => ({
    id: `flt_${String(index + 1).padStart(4, '0')}`,
    name: `${faker.location.city()} fleet`,
    operatorId,
  }));
  const owners = fleets.flatMap((fleet) => Array.from({ length: AIRCRAFT_PER_OPERATOR }, () => fleet));
  const registrations = faker.helpers.uniqueArray(
    () => `EI-${faker.string.alpha({ length: 3, casing: 'upper' })}`,
    owners.length,
  );
  const aircraft = owners.map((fleet, index) => ({
    id: `ac_${String(index + 1).padStart(4, '0')}`,
    registration: registrations[index] as string,
    type: faker.helpers.arrayElement(AIRCRAFT_TYPES),
    operatorId: fleet.operatorId,
    fleetId: fleet.id,
  }));
  const engines = aircraft.flatMap((plane) =>
    [1, 2].map((position) => ({
      id: `${plane.id.replace('ac', 'eng')}_${position}`,
      aircraftId: plane.id,
      position,
      model: DEMO_ENGINE_MODEL,
      serial: `${DEMO_ENGINE_MODEL}-${faker.string.numeric({ length: 6, allowLeadingZeros: false })}`,
    })),
  );
  return { fleets, aircraft, engines, sensors: sensorCatalog(DEMO_ENGINE_MODEL, options.sensors) };
}

export async function seedIfEmpty(store: TelemetryStore, options: DemoOptions): Promise<boolean> {
  if ((await store.listFleets()).length > 0 || (await store.listAircraft()).length > 0) return false;
  const fleet = demoFleet(options);
  await store.writeFleet(fleet);
  const flightsByEngine = new Map<string, NewFlight[]>();
  for (const [index, engine] of fleet.engines.entries()) {
    const plan = planEngine(options.seed, index);
    const first = Math.max(1, plan.flown - options.flights + 1);
    const flights = [];
    for (let cycle = first; cycle <= plan.flown; cycle += 1) {
      const arrivedAt = options.now - (plan.flown - cycle) * FLIGHT_SPACING_MS;
      flights.push({
        cycle,
        departedAt: arrivedAt - FLIGHT_DURATION_MS,
        arrivedAt,
        channels: flightValues(plan, cycle),
      });
    }
    flightsByEngine.set(engine.id, flights);
  }
  await recordFlights(store, flightsByEngine, options.now);
  return true;
}
