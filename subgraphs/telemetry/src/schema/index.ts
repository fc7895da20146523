/** The telemetry subgraph schema: type-graphql classes turned into a Federation 2 subgraph. */
import { buildFederatedSchema } from '@meridian/kit';
import type { GraphQLSchema } from 'graphql';
import type { TelemetryContext } from '../context';
import { AircraftResolver } from '../resolvers/aircraft.resolver';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { EngineResolver } from '../resolvers/engine.resolver';
import {
  aircraftReference,
  customerReference,
  engineReference,
  sensorReference,
} from '../resolvers/references';
import { SensorResolver } from '../resolvers/sensor.resolver';

export function buildTelemetrySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<TelemetryContext>(
    { resolvers: [AircraftResolver, EngineResolver, SensorResolver, CustomerResolver] },
    {
      Aircraft: aircraftReference,
      Engine: engineReference,
      Sensor: sensorReference,
      Customer: customerReference,
    },
  );
}
