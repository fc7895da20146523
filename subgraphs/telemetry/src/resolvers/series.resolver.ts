import { Arg, Ctx, Directive, ID, Int, Query, Resolver } from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import { MAX_RAW_READINGS, MAX_SERIES_BUCKETS } from '../config';
import type { TelemetryContext } from '../context';
import { Series, SeriesSource } from '../schema/telemetry.types';
import { bucketChunks, bucketRollups, pickResolution, sourceOf } from '../series/series';
import { badInput, checkCount } from './arguments';

@Resolver(() => Series)
export class SeriesResolver {
  @Directive('@listSize(slicingArguments: ["buckets"], sizedFields: ["buckets"])')
  @RequiresScopes('telemetry:read')
  @Query(() => Series, {
    description: `Min, max and mean of one sensor per bucket over [from, to), from the coarsest rollup that fits a bucket; at most ${MAX_SERIES_BUCKETS} buckets.`,
  })
  async series(
    @Arg('engine', () => ID) engineId: string,
    @Arg('sensor', () => String) sensor: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('buckets', () => Int) buckets: number,
    @Ctx() { loaders, store }: TelemetryContext,
  ): Promise<Series> {
    checkCount('buckets', buckets, MAX_SERIES_BUCKETS);
    const start = from.getTime();
    const end = to.getTime();
    if (!(end > start))
      throw badInput('to', `must be after from (${from.toISOString()}), got ${to.toISOString()}`);
    const engine = await loaders.engine.load(engineId);
    if (!engine) throw badInput('engine', `no engine ${JSON.stringify(engineId)}`);
    const known = await loaders.sensor.load(`${engine.model}.${sensor}`);
    if (!known)
      throw badInput('sensor', `engine model ${engine.model} has no sensor ${JSON.stringify(sensor)}`);

    const resolution = pickResolution(start, end, buckets);
    const range = { engineId, sensor, from: start, to: end };
    let points;
    if (resolution === undefined) {
      const chunks = await store.chunks(range);
      const readings = chunks.reduce((sum, c) => sum + c.values.length, 0);
      if (readings > MAX_RAW_READINGS) {
        throw badInput(
          'buckets',
          `buckets narrower than 1 s read raw readings, at most ${MAX_RAW_READINGS}; this range holds ${readings}: ask for fewer buckets or a shorter range`,
        );
      }
      points = bucketChunks(chunks, start, end, buckets);
    } else {
      points = bucketRollups(await store.rollups({ ...range, resolution }), start, end, buckets);
    }
    return {
      source: sourceOf(resolution) as SeriesSource,
      buckets: points.map((p) => ({ ...p, start: new Date(p.start), end: new Date(p.end) })),
    };
  }
}
