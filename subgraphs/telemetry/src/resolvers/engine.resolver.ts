import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { MAX_SENSORS_PER_MODEL } from '../config';
import type { TelemetryContext } from '../context';
import { INTERVAL_COVERAGE } from '../models/train';
import { models } from '../models/assess';
import { Aircraft } from '../schema/aircraft.type';
import { Engine } from '../schema/engine.type';
import { Sensor } from '../schema/sensor.type';
import { Alert, EngineHealth, Flight, RemainingLife } from '../schema/telemetry.types';
import { checkCount } from './arguments';
import { toAlert } from './alert.resolver';

const REMAINING_LIFE_MODEL = {
  name: models.rul.name,
  trainedOn: models.source,
  cap: models.rul.cap,
  validation: models.validation,
};

@Resolver(() => Engine)
export class EngineResolver {
  @RequiresScopes('telemetry:read')
  @Query(() => Engine, { nullable: true })
  engine(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TelemetryContext) {
    return loaders.engine.load(id);
  }

  @FieldResolver(() => Aircraft)
  aircraft(@Root() engine: Engine, @Ctx() { loaders }: TelemetryContext) {
    return loaders.aircraft.load(engine.aircraftId);
  }

  @Directive(`@listSize(assumedSize: ${MAX_SENSORS_PER_MODEL})`)
  @FieldResolver(() => [Sensor], { description: "The sensor catalog of the engine's model." })
  sensors(@Root() engine: Engine, @Ctx() { loaders }: TelemetryContext) {
    return loaders.sensorsByEngineModel.load(engine.model);
  }

  @Directive('@listSize(slicingArguments: ["last"], requireOneSlicingArgument: false)')
  @FieldResolver(() => [Flight], { description: 'The latest flights, oldest first.' })
  async flights(
    @Root() engine: Engine,
    @Arg('last', () => Int, { defaultValue: 20 }) last: number,
    @Ctx() { loaders }: TelemetryContext,
  ): Promise<Flight[]> {
    checkCount('last', last);
    const flights = await loaders.flightsByEngine.load(engine.id);
    return flights.slice(-last).map((f) => ({
      cycle: f.cycle,
      departedAt: new Date(f.departedAt),
      arrivedAt: new Date(f.arrivedAt),
    }));
  }

  @FieldResolver(() => EngineHealth, { nullable: true, description: 'Null before the first flight.' })
  async health(@Root() engine: Engine, @Ctx() { loaders }: TelemetryContext): Promise<EngineHealth | null> {
    const assessment = await loaders.latestAssessment.load(engine.id);
    return (
      assessment && {
        index: assessment.healthIndex,
        trend: assessment.healthTrend,
        cycle: assessment.cycle,
        assessedAt: new Date(assessment.assessedAt),
      }
    );
  }

  @FieldResolver(() => RemainingLife, { nullable: true, description: 'Null before the first flight.' })
  async remainingLife(
    @Root() engine: Engine,
    @Ctx() { loaders }: TelemetryContext,
  ): Promise<RemainingLife | null> {
    const assessment = await loaders.latestAssessment.load(engine.id);
    return (
      assessment && {
        cycles: assessment.rul,
        lower: assessment.rulLower,
        upper: assessment.rulUpper,
        coverage: INTERVAL_COVERAGE,
        modelRmse: models.validation.rmse,
        model: REMAINING_LIFE_MODEL,
        cycle: assessment.cycle,
        estimatedAt: new Date(assessment.assessedAt),
      }
    );
  }

  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @FieldResolver(() => [Alert], { description: 'The newest alerts of the engine, newest first.' })
  async alerts(
    @Root() engine: Engine,
    @Arg('first', () => Int, { defaultValue: 5 }) first: number,
    @Ctx() { loaders }: TelemetryContext,
  ): Promise<Alert[]> {
    return (await loaders.latestAlerts(checkCount('first', first)).load(engine.id)).map(toAlert);
  }
}
