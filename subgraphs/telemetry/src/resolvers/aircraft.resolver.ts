import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { readableOperators } from '../access';
import { MAX_ENGINES_PER_AIRCRAFT } from '../config';
import type { TelemetryContext } from '../context';
import { Aircraft } from '../schema/aircraft.type';
import { Customer } from '../schema/customer.type';
import { Engine } from '../schema/engine.type';
import { Fleet } from '../schema/telemetry.types';

@Resolver(() => Aircraft)
export class AircraftResolver {
  @RequiresScopes('telemetry:read')
  @Query(() => [Aircraft], { name: 'fleet', description: 'Every aircraft you may read, by registration.' })
  allAircraft(@Ctx() { store, access }: TelemetryContext) {
    return store.listAircraft(readableOperators(access));
  }

  @RequiresScopes('telemetry:read')
  @Query(() => Aircraft, { nullable: true })
  aircraft(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TelemetryContext) {
    return loaders.aircraft.load(id);
  }

  @FieldResolver(() => Customer, { description: 'The customer operating the aircraft.' })
  operator(@Root() aircraft: Aircraft): Customer {
    return { id: aircraft.operatorId };
  }

  @FieldResolver(() => Fleet, { nullable: true, description: 'The fleet the aircraft is monitored in.' })
  fleet(@Root() aircraft: Aircraft, @Ctx() { loaders }: TelemetryContext) {
    return aircraft.fleetId === null ? null : loaders.fleet.load(aircraft.fleetId);
  }

  @Directive(`@listSize(assumedSize: ${MAX_ENGINES_PER_AIRCRAFT})`)
  @FieldResolver(() => [Engine], { description: 'Installed engines, by position.' })
  engines(@Root() aircraft: Aircraft, @Ctx() { loaders }: TelemetryContext) {
    return loaders.enginesByAircraft.load(aircraft.id);
  }
}
