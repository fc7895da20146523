import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { USAGE } from './cache-hints';

export enum UsageGranularity {
  HOUR = 'hour',
  DAY = 'day',
}

export enum UsageGrouping {
  TOTAL = 'total',
  KEY = 'key',
  SUBGRAPH = 'subgraph',
  OPERATION = 'operation',
}

registerEnumType(UsageGranularity, { name: 'UsageGranularity' });
registerEnumType(UsageGrouping, {
  name: 'UsageGrouping',
  description: 'How usage is split into series: one total, or one per key, subgraph or operation.',
});

@CacheHint(USAGE)
@ObjectType({ description: 'Usage in one hour or day.' })
export class UsagePoint {
  @Field(() => Date, { description: 'Start of the hour or UTC day.' })
  bucket!: Date;

  @Field(() => Int, {
    description: "Every operation recorded, refused ones and the portal's own calls included.",
  })
  requests!: number;

  @Field(() => Int, {
    description:
      'Operations that count against the monthly quota and the invoice: those made with an API key (or by the portal beyond its monthly allowance) that the gateway did not refuse.',
  })
  billed!: number;

  @Field(() => Int, { description: 'Operations that failed or were rejected.' })
  errors!: number;

  @Field(() => Int, { description: 'Cost points.' })
  cost!: number;

  @Field(() => Float, { description: 'Mean duration in milliseconds.' })
  meanDurationMs!: number;

  @Field(() => Float, { description: 'Response bytes (a Float: a busy month exceeds 2^31).' })
  bytes!: number;

  @Field(() => Int)
  subscriptionMessages!: number;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(USAGE)
@ObjectType({ description: 'One line of a usage chart.' })
export class UsageSeries {
  @Field(() => String, { description: 'The key id, subgraph or operation; `*` for the total.' })
  group!: string;

  @Field(() => [UsagePoint])
  points!: UsagePoint[];
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(USAGE)
@ObjectType({ description: "A partner's monthly quota: what is used and what is left." })
export class Quota {
  @Field(() => Date)
  periodStart!: Date;

  @Field(() => Date)
  periodEnd!: Date;

  @Field(() => Int)
  limit!: number;

  @Field(() => Int)
  used!: number;

  @Field(() => Int, {
    description:
      'Never below zero. Beyond the quota, a plan with an overage price goes on answering and bills the extra operations as overage; one without refuses them with QUOTA_EXCEEDED.',
  })
  remaining!: number;
}
