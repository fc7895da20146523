import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TelemetryContext } from '../context';
import { Aircraft } from '../schema/aircraft.type';
import { Customer } from '../schema/customer.type';

@Resolver(() => Customer)
export class CustomerResolver {
  @Directive('@requiresScopes(scopes: [["telemetry:read"]])')
  @FieldResolver(() => [Aircraft], { description: 'Aircraft this customer operates, by registration.' })
  aircraft(@Root() customer: Customer, @Ctx() { loaders }: TelemetryContext) {
    return loaders.aircraftByOperator.load(customer.id);
  }
}
