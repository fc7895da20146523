/** The GraphQL types of fleets, flights, assessments, alerts, series and ingest receipts. */
import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ENGINE_STATE, FLEET } from './cache-hints';

export enum AlertKind {
  THRESHOLD = 'THRESHOLD',
  TREND = 'TREND',
}
export enum AlertSeverity {
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}
export enum SeriesSource {
  RAW = 'RAW',
  SECOND = 'SECOND',
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
}
registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'THRESHOLD: a reading outside its sensor’s normal range; TREND: remaining life running short.',
});
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });
registerEnumType(SeriesSource, {
  name: 'SeriesSource',
  description: 'What a series was computed from: raw readings or the rollup of that resolution.',
});

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(FLEET)
@ObjectType({ description: 'The aircraft of one operator whose engines are monitored together.' })
export class Fleet {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  operatorId!: string;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType({ description: 'One flight (one C-MAPSS cycle) of an engine.' })
export class Flight {
  @Field(() => Int, { description: 'Flights of the engine since new, this one included.' })
  cycle!: number;

  @Field(() => Date)
  departedAt!: Date;

  @Field(() => Date)
  arrivedAt!: Date;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType({ description: 'How worn an engine is, after its latest flight.' })
export class EngineHealth {
  @Field(() => Float, { description: '1 as new .. 0 worn out, from the sensor trends of the last flights.' })
  index!: number;

  @Field(() => Float, {
    description: 'Change of the index per flight over the last 20 flights (negative: wearing).',
  })
  trend!: number;

  @Field(() => Int, { description: 'The flight it was assessed after.' })
  cycle!: number;

  @Field(() => Date)
  assessedAt!: Date;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType({
  description:
    'How a remaining-life model scored in k-fold validation by engine on its training engines, each held-out engine cut at random flights (as C-MAPSS test engines are) and scored against its remaining life capped as the model learned it.',
})
export class RemainingLifeValidation {
  @Field(() => Int, { description: 'Folds; every engine was held out once.' })
  folds!: number;

  @Field(() => Int)
  engines!: number;

  @Field(() => Int, { description: 'Cuts scored, at random flights of the held-out engines.' })
  cuts!: number;

  @Field(() => Float, { description: 'Root mean square error, in flights.' })
  rmse!: number;

  @Field(() => Float, { description: 'Mean absolute error, in flights.' })
  mae!: number;

  @Field(() => Float, { description: 'Mean of estimate − truth, in flights (positive: late warnings).' })
  bias!: number;

  @Field(() => Float, {
    description:
      "The PHM08 challenge's score per 100 cuts (late estimates cost more than early ones; lower is better).",
  })
  phm08Score!: number;

  @Field(() => Float, { description: 'Share of cuts whose truth fell inside the interval.' })
  coverage!: number;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType({ description: 'A remaining-life model: what it is, what it learned from and how it validated.' })
export class RemainingLifeModel {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The run-to-failure engines it was trained on.' })
  trainedOn!: string;

  @Field(() => Float, { description: 'Remaining life is estimated up to this many flights.' })
  cap!: number;

  @Field(() => RemainingLifeValidation)
  validation!: RemainingLifeValidation;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType({ description: 'Estimated flights before failure, with an interval.' })
export class RemainingLife {
  @Field(() => Float)
  cycles!: number;

  @Field(() => Float, { description: 'Lower end of the interval.' })
  lower!: number;

  @Field(() => Float, { description: 'Upper end of the interval.' })
  upper!: number;

  @Field(() => Float, {
    description:
      'Share of engines the interval is meant to hold the truth for; `model.validation.coverage` is the share it held in validation.',
  })
  coverage!: number;

  @Field(() => Float, {
    description: 'RMSE of the model, in flights, on held-out C-MAPSS engines cut at random flights.',
  })
  modelRmse!: number;

  @Field(() => RemainingLifeModel, { description: 'The model that made the estimate, and how it validated.' })
  model!: RemainingLifeModel;

  @Field(() => Int, { description: 'The flight it was estimated after.' })
  cycle!: number;

  @Field(() => Date)
  estimatedAt!: Date;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType()
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => String)
  message!: string;

  @Field(() => Float, {
    description: 'The reading (THRESHOLD) or the remaining flights (TREND) that raised it.',
  })
  value!: number;

  @Field(() => Date)
  raisedAt!: Date;

  engineId!: string;
  sensorName!: string | null;
}

@CacheHint(ENGINE_STATE)
@ObjectType({
  description: 'Readings of one bucket of a series; min, max and mean are null when it is empty.',
})
export class SeriesBucket {
  @Field(() => Date)
  start!: Date;

  @Field(() => Date)
  end!: Date;

  @Field(() => Float)
  count!: number;

  @Field(() => Float, { nullable: true })
  min!: number | null;

  @Field(() => Float, { nullable: true })
  max!: number | null;

  @Field(() => Float, { nullable: true })
  mean!: number | null;
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType()
export class Series {
  @Field(() => SeriesSource)
  source!: SeriesSource;

  @Field(() => [SeriesBucket])
  buckets!: SeriesBucket[];
}

@Directive('@requiresScopes(scopes: [["telemetry:read"]])')
@CacheHint(ENGINE_STATE)
@ObjectType({ description: 'An engine that needs attention, and why.' })
export class EngineAttention {
  @Field(() => [String], { description: 'Short remaining life, falling health, critical alerts.' })
  reasons!: string[];

  engineId!: string;
}

@InputType()
export class ReadingInput {
  @Field(() => String, { description: 'Sensor name in the engine model’s catalog, e.g. T30.' })
  sensor!: string;

  @Field(() => Date)
  time!: Date;

  @Field(() => Float)
  value!: number;
}

@InputType({ description: 'Readings of one engine, written whole or not at all.' })
export class ReadingBatchInput {
  @Field(() => String, {
    description: 'Chosen by the sender; a batch sent again with the same key is not counted twice.',
  })
  idempotencyKey!: string;

  @Field(() => ID)
  engine!: string;

  @Field(() => [ReadingInput])
  readings!: ReadingInput[];
}

@ObjectType()
export class IngestReceipt {
  @Field(() => Int)
  readings!: number;

  @Field(() => Int)
  series!: number;

  @Field(() => Boolean, {
    description: 'True when this key was acknowledged before: nothing was written again.',
  })
  duplicate!: boolean;
}
