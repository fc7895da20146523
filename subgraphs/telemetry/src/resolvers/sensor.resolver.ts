import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { MAX_SENSORS_PER_MODEL } from '../config';
import type { TelemetryContext } from '../context';
import { Sensor } from '../schema/sensor.type';

@Resolver(() => Sensor)
export class SensorResolver {
  @Directive(`@listSize(assumedSize: ${MAX_SENSORS_PER_MODEL})`)
  @RequiresScopes('telemetry:read')
  @Query(() => [Sensor], { description: 'The sensor catalog of an engine model.' })
  sensors(@Arg('engineModel', () => String) engineModel: string, @Ctx() { loaders }: TelemetryContext) {
    return loaders.sensorsByEngineModel.load(engineModel);
  }
}
