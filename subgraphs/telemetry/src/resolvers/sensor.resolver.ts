import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { TelemetryContext } from '../context';
import { Sensor } from '../schema/sensor.type';

@Resolver(() => Sensor)
export class SensorResolver {
  @Query(() => [Sensor], { description: 'The sensor catalog of an engine model.' })
  sensors(@Arg('engineModel', () => String) engineModel: string, @Ctx() { loaders }: TelemetryContext) {
    return loaders.sensorsByEngineModel.load(engineModel);
  }
}
