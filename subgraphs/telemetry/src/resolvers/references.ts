/** Reference resolvers: how the gateway turns `{ __typename, id }` from another subgraph into an entity. */
import type { TelemetryContext } from '../context';

type Reference = Record<string, unknown>;

export const aircraftReference = {
  __resolveReference: (reference: Reference, { loaders }: TelemetryContext) =>
    loaders.aircraft.load(String(reference.id)),
};

export const fleetReference = {
  __resolveReference: (reference: Reference, { loaders }: TelemetryContext) =>
    loaders.fleet.load(String(reference.id)),
};

export const engineReference = {
  __resolveReference: (reference: Reference, { loaders }: TelemetryContext) =>
    loaders.engine.load(String(reference.id)),
};

export const sensorReference = {
  __resolveReference: (reference: Reference, { loaders }: TelemetryContext) =>
    loaders.sensor.load(String(reference.id)),
};

/** Any customer id is accepted: billing decides whether the customer exists. */
export const customerReference = {
  __resolveReference: (reference: Reference) => ({ id: String(reference.id) }),
};
