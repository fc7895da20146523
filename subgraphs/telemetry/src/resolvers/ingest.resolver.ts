import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { codedError } from '@meridian/schema';
import { writableOperators } from '../access';
import { MAX_MUTATION_READINGS } from '../config';
import type { TelemetryContext } from '../context';
import { batchOwner, groupReadings } from '../ingest/batch';
import { checkIdempotencyKey, ingestBatch } from '../ingest/ingest';
import { IngestReceipt, ReadingBatchInput } from '../schema/telemetry.types';
import { badInput } from './arguments';

@Resolver()
export class IngestResolver {
  @Directive('@requiresScopes(scopes: [["telemetry:write"]])')
  @Mutation(() => IngestReceipt, {
    description: `Writes a small batch of readings (at most ${MAX_MUTATION_READINGS}) whole, or rejects it whole with BAD_USER_INPUT listing every problem in extensions.problems. Larger batches: POST /ingest.`,
  })
  async ingestReadings(
    @Arg('batch', () => ReadingBatchInput) batch: ReadingBatchInput,
    @Ctx() { store, live, principal, access }: TelemetryContext,
  ): Promise<IngestReceipt> {
    const keyProblem = checkIdempotencyKey(batch.idempotencyKey);
    if (keyProblem) throw badInput('batch.idempotencyKey', keyProblem);
    if (batch.readings.length > MAX_MUTATION_READINGS) {
      throw badInput(
        'batch.readings',
        `at most ${MAX_MUTATION_READINGS} readings a mutation, got ${batch.readings.length}; send larger batches to POST /ingest`,
      );
    }
    const series = groupReadings(
      batch.readings.map((r) => ({
        engineId: batch.engine,
        sensor: r.sensor,
        time: r.time.getTime(),
        value: r.value,
      })),
      (position) => `batch.readings[${position}]`,
    );
    const readingBatch = {
      idempotencyKey: batch.idempotencyKey,
      series,
      owner: batchOwner(principal),
      operators: writableOperators(access),
    };
    const outcome = await ingestBatch(store, readingBatch, Date.now());
    await live.outcome(readingBatch, outcome);
    if (!outcome.accepted) {
      throw codedError(
        'BAD_USER_INPUT',
        `batch rejected: ${outcome.problemCount} problem${outcome.problemCount > 1 ? 's' : ''}, nothing written`,
        {
          argument: 'batch',
          problems: outcome.problems,
          problemCount: outcome.problemCount,
        },
      );
    }
    return { readings: outcome.readings, series: outcome.series, duplicate: outcome.duplicate };
  }
}
