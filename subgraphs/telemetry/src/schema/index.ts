/** The telemetry subgraph schema: type-graphql classes turned into a Federation 2 subgraph. */
import { buildFederatedSchema, createPubSub } from '@meridian/kit';
import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import type { TelemetryContext } from '../context';
import { AircraftResolver } from '../resolvers/aircraft.resolver';
import { AlertResolver } from '../resolvers/alert.resolver';
import { EngineAttentionResolver } from '../resolvers/attention.resolver';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { EngineResolver } from '../resolvers/engine.resolver';
import { FleetResolver } from '../resolvers/fleet.resolver';
import { IngestResolver } from '../resolvers/ingest.resolver';
import { LiveResolver } from '../resolvers/live.resolver';
import {
  aircraftReference,
  customerReference,
  engineReference,
  fleetReference,
  sensorReference,
} from '../resolvers/references';
import { SensorResolver } from '../resolvers/sensor.resolver';
import { SeriesResolver } from '../resolvers/series.resolver';

/** `pubSub` carries live events to subscriptions; without one (composing the supergraph) an in-process one. */
export async function buildTelemetrySchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildFederatedSchema<TelemetryContext>(
    {
      resolvers: [
        AircraftResolver,
        AlertResolver,
        CustomerResolver,
        EngineAttentionResolver,
        EngineResolver,
        FleetResolver,
        IngestResolver,
        LiveResolver,
        SensorResolver,
        SeriesResolver,
      ],
      pubSub: pubSub ?? (await createPubSub()),
    },
    {
      Aircraft: aircraftReference,
      Engine: engineReference,
      Fleet: fleetReference,
      Sensor: sensorReference,
      Customer: customerReference,
    },
  );
}
