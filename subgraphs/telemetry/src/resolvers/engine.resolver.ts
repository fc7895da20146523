import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { TelemetryContext } from '../context';
import { Aircraft } from '../schema/aircraft.type';
import { Engine } from '../schema/engine.type';
import { Sensor } from '../schema/sensor.type';

@Resolver(() => Engine)
export class EngineResolver {
  @Query(() => Engine, { nullable: true })
  engine(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TelemetryContext) {
    return loaders.engine.load(id);
  }

  @FieldResolver(() => Aircraft)
  aircraft(@Root() engine: Engine, @Ctx() { loaders }: TelemetryContext) {
    return loaders.aircraft.load(engine.aircraftId);
  }

  @FieldResolver(() => [Sensor], { description: "The sensor catalog of the engine's model." })
  sensors(@Root() engine: Engine, @Ctx() { loaders }: TelemetryContext) {
    return loaders.sensorsByEngineModel.load(engine.model);
  }
}
