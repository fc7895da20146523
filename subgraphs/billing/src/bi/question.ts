/**
 * The question builder's vocabulary: which fields of orders (and of the customer and product joined to
 * them) a question may name, and what a question is once checked. Only names from this allow-list ever
 * reach SQL, and they reach it as column references chosen here; user values travel as bound parameters.
 */
import { codedError } from '@meridian/schema';

export const metrics = ['SUM', 'COUNT', 'AVG', 'MIN', 'MAX', 'DISTINCT'] as const;
export type Metric = (typeof metrics)[number];

export const timeBuckets = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TimeBucket = (typeof timeBuckets)[number];

export const filterOperators = ['EQ', 'NE', 'LT', 'LTE', 'GT', 'GTE', 'IN'] as const;
export type FilterOperator = (typeof filterOperators)[number];

/** `money` is stored in integer cents and reported in currency units; `time` in epoch milliseconds. */
export type FieldKind = 'number' | 'money' | 'text' | 'time';
export type Table = 'order' | 'customer' | 'product';

export interface FieldSpec {
  readonly table: Table;
  readonly column: string;
  readonly kind: FieldKind;
}

export const fields: Readonly<Record<string, FieldSpec>> = {
  'order.id': { table: 'order', column: 'id', kind: 'number' },
  'order.subtotal': { table: 'order', column: 'subtotal_cents', kind: 'money' },
  'order.tax': { table: 'order', column: 'tax_cents', kind: 'money' },
  'order.total': { table: 'order', column: 'total_cents', kind: 'money' },
  'order.discount': { table: 'order', column: 'discount_cents', kind: 'money' },
  'order.quantity': { table: 'order', column: 'quantity', kind: 'number' },
  'order.createdAt': { table: 'order', column: 'created_at_ms', kind: 'time' },
  'customer.id': { table: 'customer', column: 'id', kind: 'number' },
  'customer.name': { table: 'customer', column: 'name', kind: 'text' },
  'customer.city': { table: 'customer', column: 'city', kind: 'text' },
  'customer.state': { table: 'customer', column: 'state', kind: 'text' },
  'customer.source': { table: 'customer', column: 'source', kind: 'text' },
  'customer.createdAt': { table: 'customer', column: 'created_at_ms', kind: 'time' },
  'product.id': { table: 'product', column: 'id', kind: 'number' },
  'product.title': { table: 'product', column: 'title', kind: 'text' },
  'product.category': { table: 'product', column: 'category', kind: 'text' },
  'product.vendor': { table: 'product', column: 'vendor', kind: 'text' },
  'product.price': { table: 'product', column: 'price_cents', kind: 'money' },
  'product.createdAt': { table: 'product', column: 'created_at_ms', kind: 'time' },
};

export const MAX_GROUP_BY = 3;
export const MAX_FILTERS = 10;
export const MAX_IN_VALUES = 100;
/** Groups a question returns at most; `truncated` says when there were more. */
export const MAX_SUMMARY_ROWS = 5_000;

export interface GroupByInput {
  field: string;
  bucket?: TimeBucket | null;
}

export interface FilterInput {
  field: string;
  op: FilterOperator;
  values: readonly string[];
}

export interface QuestionInput {
  metric: Metric;
  field?: string | null;
  groupBy?: readonly GroupByInput[] | null;
  filter?: readonly FilterInput[] | null;
}

export interface Grouping {
  readonly name: string;
  readonly spec: FieldSpec;
  readonly bucket: TimeBucket | null;
}

export interface Condition {
  readonly spec: FieldSpec;
  readonly op: FilterOperator;
  /** Values converted to the column's storage: cents for money, epoch ms for time. */
  readonly values: readonly (number | string)[];
}

export interface Question {
  readonly metric: Metric;
  readonly field: FieldSpec | null;
  readonly groupBy: readonly Grouping[];
  readonly filter: readonly Condition[];
  /** Tables to join to orders. */
  readonly joins: ReadonlySet<Table>;
}

function field(name: string, argument: string): FieldSpec {
  const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (!spec) {
    throw codedError(
      'BAD_USER_INPUT',
      `unknown field "${name}"; known fields: ${Object.keys(fields).join(', ')}`,
      {
        argument,
      },
    );
  }
  return spec;
}

function storedValue(spec: FieldSpec, value: string, argument: string): number | string {
  const bad = (expected: string): never => {
    throw codedError('BAD_USER_INPUT', `${JSON.stringify(value)} is not ${expected}`, { argument });
  };
  switch (spec.kind) {
    case 'text':
      return value;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : bad('a number');
    case 'money':
      return parseCents(value) ?? bad('an amount with at most two decimals');
    case 'time': {
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? bad('an ISO-8601 date or time') : ms;
    }
  }
}

/** Exact cents of a decimal amount (`"39.72"` → 3972), without floating-point rounding; undefined if malformed. */
export function parseCents(text: string): number | undefined {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}

export function parseQuestion(input: QuestionInput): Question {
  const joins = new Set<Table>();
  const use = (spec: FieldSpec) => {
    if (spec.table !== 'order') joins.add(spec.table);
    return spec;
  };
  let metricField: FieldSpec | null = null;
  if (input.field) {
    metricField = use(field(input.field, 'field'));
    if (
      (input.metric === 'SUM' || input.metric === 'AVG') &&
      metricField.kind !== 'number' &&
      metricField.kind !== 'money'
    ) {
      throw codedError('BAD_USER_INPUT', `${input.metric} needs a numeric field, not "${input.field}"`, {
        argument: 'field',
      });
    }
  } else if (input.metric !== 'COUNT') {
    throw codedError('BAD_USER_INPUT', `${input.metric} needs a field`, { argument: 'field' });
  }
  const groupInputs = input.groupBy ?? [];
  if (groupInputs.length > MAX_GROUP_BY) {
    throw codedError('BAD_USER_INPUT', `at most ${MAX_GROUP_BY} groupings`, {
      argument: 'groupBy',
      limit: MAX_GROUP_BY,
    });
  }
  const groupBy = groupInputs.map((group, index) => {
    const spec = use(field(group.field, `groupBy[${index}].field`));
    const bucket = group.bucket ?? null;
    if (bucket && spec.kind !== 'time') {
      throw codedError('BAD_USER_INPUT', `a time bucket needs a time field, not "${group.field}"`, {
        argument: `groupBy[${index}].bucket`,
      });
    }
    if (!bucket && spec.kind === 'time') {
      throw codedError(
        'BAD_USER_INPUT',
        `grouping by "${group.field}" needs a bucket: ${timeBuckets.join(', ')}`,
        {
          argument: `groupBy[${index}].bucket`,
        },
      );
    }
    return { name: bucket ? `${group.field}:${bucket}` : group.field, spec, bucket };
  });
  const filterInputs = input.filter ?? [];
  if (filterInputs.length > MAX_FILTERS) {
    throw codedError('BAD_USER_INPUT', `at most ${MAX_FILTERS} filters`, {
      argument: 'filter',
      limit: MAX_FILTERS,
    });
  }
  const filter = filterInputs.map((condition, index) => {
    const argument = `filter[${index}]`;
    const spec = use(field(condition.field, `${argument}.field`));
    const expected = condition.op === 'IN' ? [1, MAX_IN_VALUES] : [1, 1];
    if (condition.values.length < expected[0]! || condition.values.length > expected[1]!) {
      throw codedError('BAD_USER_INPUT', `${condition.op} takes ${expected[0]} to ${expected[1]} values`, {
        argument: `${argument}.values`,
        limit: expected[1],
      });
    }
    return {
      spec,
      op: condition.op,
      values: condition.values.map((value) => storedValue(spec, value, `${argument}.values`)),
    };
  });
  return { metric: input.metric, field: metricField, groupBy, filter, joins };
}

/** The label of a time bucket, from the bucket's start in epoch ms or the SQL text label. */
export function bucketLabel(bucket: TimeBucket, value: number | string): string {
  if (bucket === 'day' || bucket === 'week') return new Date(Number(value)).toISOString().slice(0, 10);
  return String(value);
}
