import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { ASSUMED_AIRCRAFT_PER_OPERATOR, ASSUMED_FLEETS_PER_OPERATOR } from '../config';
import type { TelemetryContext } from '../context';
import { Aircraft } from '../schema/aircraft.type';
import { Customer } from '../schema/customer.type';
import { Fleet } from '../schema/telemetry.types';

@Resolver(() => Customer)
export class CustomerResolver {
  @Directive('@requiresScopes(scopes: [["telemetry:read"]])')
  @Directive(`@listSize(assumedSize: ${ASSUMED_AIRCRAFT_PER_OPERATOR})`)
  @FieldResolver(() => [Aircraft], { description: 'Aircraft this customer operates, by registration.' })
  aircraft(@Root() customer: Customer, @Ctx() { loaders }: TelemetryContext) {
    return loaders.aircraftByOperator.load(customer.id);
  }

  @Directive('@requiresScopes(scopes: [["telemetry:read"]])')
  @Directive(`@listSize(assumedSize: ${ASSUMED_FLEETS_PER_OPERATOR})`)
  @FieldResolver(() => [Fleet], { description: 'Fleets this customer operates.' })
  fleets(@Root() customer: Customer, @Ctx() { loaders }: TelemetryContext) {
    return loaders.fleetsByOperator.load(customer.id);
  }
}
