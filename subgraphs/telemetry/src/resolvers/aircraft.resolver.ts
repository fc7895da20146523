import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { TelemetryContext } from '../context';
import { Aircraft } from '../schema/aircraft.type';
import { Customer } from '../schema/customer.type';
import { Engine } from '../schema/engine.type';

@Resolver(() => Aircraft)
export class AircraftResolver {
  @Query(() => [Aircraft], { description: 'Every aircraft, by registration.' })
  fleet(@Ctx() { store }: TelemetryContext) {
    return store.listAircraft();
  }

  @Query(() => Aircraft, { nullable: true })
  aircraft(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TelemetryContext) {
    return loaders.aircraft.load(id);
  }

  @FieldResolver(() => Customer, { description: 'The customer operating the aircraft.' })
  operator(@Root() aircraft: Aircraft): Customer {
    return { id: aircraft.operatorId };
  }

  @FieldResolver(() => [Engine], { description: 'Installed engines, by position.' })
  engines(@Root() aircraft: Aircraft, @Ctx() { loaders }: TelemetryContext) {
    return loaders.enginesByAircraft.load(aircraft.id);
  }
}
