import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { readableOperators } from '../access';
import { ASSUMED_AIRCRAFT_PER_OPERATOR, ASSUMED_FLEETS } from '../config';
import type { TelemetryContext } from '../context';
import { Aircraft } from '../schema/aircraft.type';
import { Customer } from '../schema/customer.type';
import { EngineAttention, Fleet } from '../schema/telemetry.types';
import { checkCount } from './arguments';
import { needingAttention } from './attention';

@Resolver(() => Fleet)
export class FleetResolver {
  @Directive(`@listSize(assumedSize: ${ASSUMED_FLEETS})`)
  @RequiresScopes('telemetry:read')
  @Query(() => [Fleet], {
    description: "Every fleet you may read: your operator's, or every operator's with telemetry:catalog.",
  })
  fleets(@Ctx() { store, access }: TelemetryContext) {
    return store.listFleets(readableOperators(access));
  }

  @RequiresScopes('telemetry:read')
  @Query(() => Fleet, { nullable: true })
  fleetById(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TelemetryContext) {
    return loaders.fleet.load(id);
  }

  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @RequiresScopes('telemetry:read')
  @Query(() => [EngineAttention], {
    description:
      'Engines needing attention (short remaining life, falling health, critical alerts), most urgent first.',
  })
  enginesNeedingAttention(
    @Arg('fleet', () => ID, { nullable: true }) fleet: string | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() context: TelemetryContext,
  ) {
    return needingAttention(context, fleet, checkCount('first', first));
  }

  @FieldResolver(() => Customer, { description: 'The customer operating the fleet.' })
  operator(@Root() fleet: Fleet): Customer {
    return { id: fleet.operatorId };
  }

  @Directive(`@listSize(assumedSize: ${ASSUMED_AIRCRAFT_PER_OPERATOR})`)
  @FieldResolver(() => [Aircraft])
  aircraft(@Root() fleet: Fleet, @Ctx() { loaders }: TelemetryContext) {
    return loaders.aircraftByFleet.load(fleet.id);
  }

  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @FieldResolver(() => [EngineAttention], {
    description: 'Engines of this fleet needing attention, most urgent first.',
  })
  attention(
    @Root() fleet: Fleet,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() context: TelemetryContext,
  ) {
    return needingAttention(context, fleet.id, checkCount('first', first));
  }
}
