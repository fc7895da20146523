import { Arg, ID, Int, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { mayRead } from '../access';
import { LIVE_WINDOW_MS, MAX_LIVE_EVERY_MS, MAX_LIVE_SENSORS } from '../config';
import type { TelemetryContext } from '../context';
import type { EngineWindows, ReadingFrame as Frame } from '../live/downsample';
import { downsampledFrames } from '../live/frames';
import { ALERTS_TOPIC, readingsTopic, type LiveAlert } from '../live/publisher';
import { ReadingFrame } from '../schema/live.types';
import { Alert } from '../schema/telemetry.types';
import { toAlert } from './alert.resolver';
import { badInput, checkCount } from './arguments';

interface ReadingArgs {
  engine: string;
  sensors: string[];
  every: number;
}

/** Checks the arguments before anything is subscribed, so a bad request fails with BAD_USER_INPUT. */
async function subscribeReadings({
  args,
  context,
}: SubscribeResolverData<unknown, ReadingArgs, TelemetryContext>) {
  const { engine: engineId, sensors, every } = args;
  checkCount('sensors', sensors.length, MAX_LIVE_SENSORS);
  if (!Number.isInteger(every) || every < LIVE_WINDOW_MS || every > MAX_LIVE_EVERY_MS) {
    throw badInput('every', `must be from ${LIVE_WINDOW_MS} to ${MAX_LIVE_EVERY_MS} ms, got ${every}`);
  }
  const engine = await context.loaders.engine.load(engineId);
  if (!engine) throw badInput('engine', `no engine ${JSON.stringify(engineId)}`);
  const known = await context.loaders.sensor.loadMany(sensors.map((s) => `${engine.model}.${s}`));
  const unknown = sensors.filter((_, i) => !known[i] || known[i] instanceof Error);
  if (unknown.length > 0) {
    throw badInput(
      'sensors',
      `engine model ${engine.model} has no sensor ${unknown.map((s) => JSON.stringify(s)).join(', ')}`,
    );
  }
  const source = context.pubSub.subscribe(readingsTopic(engineId)) as AsyncIterable<EngineWindows>;
  return downsampledFrames(source, sensors, every);
}

/** A new alert reaches a subscriber that may read its engine, when it is of the fleet asked for (if any). */
function alertFilter({
  payload,
  args,
  context,
}: {
  payload: LiveAlert;
  args: { fleet?: string | null };
  context: TelemetryContext;
}): boolean {
  return (
    mayRead(context.access, payload.operatorId) && (args.fleet == null || payload.fleetId === args.fleet)
  );
}

@Resolver()
export class LiveResolver {
  @RequiresScopes('telemetry:read')
  @Subscription(() => ReadingFrame, {
    subscribe: subscribeReadings,
    description: `Live readings of an engine's sensors (at most ${MAX_LIVE_SENSORS}), one frame every \`every\` ms (${LIVE_WINDOW_MS} to ${MAX_LIVE_EVERY_MS}) with min, max, mean and last of each sensor.`,
  })
  // The arguments are declared here for the schema; `subscribeReadings` reads them.
  /* eslint-disable @typescript-eslint/no-unused-vars */
  sensorReadings(
    @Root() frame: Frame,
    @Arg('engine', () => ID) _engine: string,
    @Arg('sensors', () => [String]) _sensors: string[],
    @Arg('every', () => Int, { defaultValue: 1000 }) _every: number,
  ): ReadingFrame {
    return {
      from: new Date(frame.from),
      to: new Date(frame.to),
      sensors: frame.sensors.map((s) => ({ ...s, lastTime: new Date(s.lastTime) })),
    };
  }

  // `fleet` is read by the filter.
  @RequiresScopes('telemetry:read')
  @Subscription(() => Alert, {
    topics: ALERTS_TOPIC,
    filter: alertFilter,
    description: 'New alerts as they are raised, of the engines you may read: of one fleet or of all.',
  })
  engineAlerts(@Root() alert: LiveAlert, @Arg('fleet', () => ID, { nullable: true }) _fleet?: string): Alert {
    return toAlert(alert);
  }
  /* eslint-enable @typescript-eslint/no-unused-vars */
}
