import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { readableOperators } from '../access';
import type { TelemetryContext } from '../context';
import type { AlertRecord } from '../store';
import { Engine } from '../schema/engine.type';
import { Sensor } from '../schema/sensor.type';
import { Alert, AlertKind, AlertSeverity } from '../schema/telemetry.types';
import { checkCount } from './arguments';

export const toAlert = (record: AlertRecord): Alert => ({
  id: record.id,
  kind: record.kind as AlertKind,
  severity: record.severity as AlertSeverity,
  message: record.message,
  value: record.value,
  raisedAt: new Date(record.raisedAt),
  engineId: record.engineId,
  sensorName: record.sensor,
});

@Resolver(() => Alert)
export class AlertResolver {
  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @RequiresScopes('telemetry:read')
  @Query(() => [Alert], {
    description: 'Alerts of the engines you may read, newest first, filtered by any of the arguments.',
  })
  async alerts(
    @Arg('engine', () => ID, { nullable: true }) engine: string | undefined,
    @Arg('fleet', () => ID, { nullable: true }) fleet: string | undefined,
    @Arg('kind', () => AlertKind, { nullable: true }) kind: AlertKind | undefined,
    @Arg('severity', () => AlertSeverity, { nullable: true }) severity: AlertSeverity | undefined,
    @Arg('since', () => Date, { nullable: true }) since: Date | undefined,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() { store, access }: TelemetryContext,
  ): Promise<Alert[]> {
    const records = await store.listAlerts({
      operators: readableOperators(access),
      engineIds: engine === undefined ? undefined : [engine],
      fleetId: fleet,
      kind,
      severity,
      since: since?.getTime(),
      first: checkCount('first', first),
    });
    return records.map(toAlert);
  }

  @FieldResolver(() => Engine)
  engine(@Root() alert: Alert, @Ctx() { loaders }: TelemetryContext) {
    return loaders.engine.load(alert.engineId);
  }

  @FieldResolver(() => Sensor, { nullable: true, description: 'The sensor of a THRESHOLD alert.' })
  async sensor(@Root() alert: Alert, @Ctx() { loaders }: TelemetryContext) {
    if (alert.sensorName === null) return null;
    const engine = await loaders.engine.load(alert.engineId);
    return engine && loaders.sensor.load(`${engine.model}.${alert.sensorName}`);
  }
}
