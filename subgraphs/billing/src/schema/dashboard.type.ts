import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { filterOperators, metrics, timeBuckets } from '../bi/question';
import { DASHBOARDS } from './cache-hints';

/** type-graphql enums from the question builder's lists, so the schema and the checks cannot drift. */
const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<Uppercase<T>, T>;

export const SummaryMetric = enumOf(metrics);
export const TimeBucket = enumOf(timeBuckets);
export const FilterOperator = enumOf(filterOperators);

registerEnumType(SummaryMetric, { name: 'SummaryMetric', description: 'DISTINCT counts distinct values.' });
registerEnumType(TimeBucket, {
  name: 'TimeBucket',
  description: 'Weeks start on Monday; all buckets are UTC.',
});
registerEnumType(FilterOperator, { name: 'FilterOperator' });

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(DASHBOARDS)
@ObjectType({ description: 'Revenue of the shop over a window, against the target for that window.' })
export class RevenueAgainstTarget {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => Float)
  revenue!: number;

  @Field(() => Float)
  target!: number;

  @Field(() => Float, { description: 'revenue / target (1 = on target).' })
  attainment!: number;

  @Field(() => String)
  currency!: string;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(DASHBOARDS)
@ObjectType()
export class RevenuePoint {
  @Field(() => String, { description: 'Monday of the week, `YYYY-MM-DD`.' })
  weekStart!: string;

  @Field(() => Float)
  revenue!: number;
}

@CacheHint(DASHBOARDS)
@ObjectType()
export class CustomerSales {
  @Field(() => Int, { description: 'Rank, 1 for the best customer.' })
  rank!: number;

  @Field(() => Int)
  customerId!: number;

  @Field(() => String)
  name!: string;

  @Field(() => Float)
  amount!: number;

  @Field(() => String)
  currency!: string;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(DASHBOARDS)
@ObjectType({ description: 'One page of a ranking: rows `from`–`to` of `total`.' })
export class CustomerSalesPage {
  @Field(() => [CustomerSales])
  rows!: CustomerSales[];

  @Field(() => Int, { description: 'Position of the first row (1-based); 0 when the page is empty.' })
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => Int)
  total!: number;
}

@InputType()
export class GroupByInput {
  @Field(() => String, { description: 'A field such as `product.category` or `order.createdAt`.' })
  field!: string;

  @Field(() => TimeBucket, { nullable: true, description: 'Needed for time fields.' })
  bucket?: (typeof TimeBucket)[keyof typeof TimeBucket] | null;
}

@InputType()
export class FilterInput {
  @Field(() => String)
  field!: string;

  @Field(() => FilterOperator)
  op!: (typeof FilterOperator)[keyof typeof FilterOperator];

  @Field(() => [String], {
    description: 'One value, or several for IN; amounts as decimals, times as ISO-8601.',
  })
  values!: string[];
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(DASHBOARDS)
@ObjectType()
export class SummaryRow {
  @Field(() => [String], { description: 'One label per groupBy entry, in order.' })
  group!: string[];

  @Field(() => Float, { nullable: true, description: 'Amounts in currency units.' })
  value!: number | null;
}

@CacheHint(DASHBOARDS)
@ObjectType()
export class Summary {
  @Field(() => [String], { description: 'The names of the group columns.' })
  columns!: string[];

  @Field(() => [SummaryRow])
  rows!: SummaryRow[];

  @Field(() => Boolean, { description: 'Whether there were more groups than returned.' })
  truncated!: boolean;
}
