import { CacheHint, NeverCached } from '@meridian/kit';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DASHBOARDS } from './cache-hints';
import { FilterInput, FilterOperator, GroupByInput, SummaryMetric, TimeBucket } from './dashboard.type';

@ObjectType()
export class QuestionGroupBy {
  @Field(() => String)
  field!: string;

  @Field(() => TimeBucket, { nullable: true })
  bucket!: (typeof TimeBucket)[keyof typeof TimeBucket] | null;
}

@ObjectType()
export class QuestionFilter {
  @Field(() => String)
  field!: string;

  @Field(() => FilterOperator)
  op!: (typeof FilterOperator)[keyof typeof FilterOperator];

  @Field(() => [String])
  values!: string[];
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({ description: "A question builder's question an admin saved, to ask again." })
export class SavedQuestion {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'Listed to every admin; only its owner deletes it.' })
  shared!: boolean;

  @Field(() => Boolean, { description: 'Saved by the caller (who may delete it).' })
  mine!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => SummaryMetric)
  metric!: (typeof SummaryMetric)[keyof typeof SummaryMetric];

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field(() => [QuestionGroupBy])
  groupBy!: QuestionGroupBy[];

  @Field(() => [QuestionFilter])
  filter!: QuestionFilter[];
}

@InputType()
export class SaveQuestionInput {
  @Field(() => String, { description: '1 to 80 characters after trimming.' })
  name!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'List it to every admin.' })
  shared!: boolean;

  @Field(() => SummaryMetric)
  metric!: (typeof SummaryMetric)[keyof typeof SummaryMetric];

  @Field(() => String, { nullable: true })
  field?: string | null;

  @Field(() => [GroupByInput], { nullable: true })
  groupBy?: GroupByInput[] | null;

  @Field(() => [FilterInput], { nullable: true })
  filter?: FilterInput[] | null;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(DASHBOARDS)
@ObjectType({ description: 'A value of a text field and how many orders have it.' })
export class FilterValue {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  orders!: number;
}
