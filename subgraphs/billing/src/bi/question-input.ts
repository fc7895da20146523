/**
 * Checking a question as a client sends it (the arguments of `summarize`, a question being saved): one zod
 * schema that refuses anything outside the vocabulary or its limits, and narrows what it accepts to fields of
 * the allow-list and filter values in their columns' storage units. A refusal is BAD_USER_INPUT naming the
 * argument at fault (`groupBy[1].bucket`) and, when a limit was passed, the limit.
 */
import { codedError } from '@meridian/schema';
import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import { parseCents } from './cents';
import {
  fields,
  filterOperators,
  MAX_FILTERS,
  MAX_GROUP_BY,
  MAX_IN_VALUES,
  metrics,
  timeBuckets,
  type FieldKind,
  type FieldSpec,
  type FilterOperator,
  type Metric,
  type TimeBucket,
} from './question';

interface GroupByInput {
  field: string;
  bucket?: TimeBucket | null;
}

interface FilterInput {
  field: string;
  op: FilterOperator;
  values: readonly string[];
}

/** A question as clients send it; nothing in it is trusted until `parseQuestionInput` accepted it. */
export interface QuestionInput {
  metric: Metric;
  field?: string | null;
  groupBy?: readonly GroupByInput[] | null;
  filter?: readonly FilterInput[] | null;
}

/** A field of the allow-list, with the name the question gave it. */
export interface FieldRef {
  readonly name: string;
  readonly spec: FieldSpec;
}

const fieldNames = Object.keys(fields) as [string, ...string[]];

const knownField = z
  .enum(fieldNames, {
    error: (issue) => `unknown field "${String(issue.input)}"; known fields: ${fieldNames.join(', ')}`,
  })
  .transform((name): FieldRef => ({ name, spec: fields[name]! }));

/** A field name or none; an empty name counts as none. */
const optionalField = z
  .string()
  .nullish()
  .transform((name) => name || null)
  .pipe(knownField.nullable());

function requiredField(metric: Metric) {
  const needed = `${metric} needs a field`;
  return z.string({ error: needed }).min(1, { error: needed }).pipe(knownField);
}

const NUMERIC_KINDS: ReadonlySet<FieldKind> = new Set(['number', 'money']);

/** The field a metric is computed over: COUNT may go without one, SUM and AVG need a number or an amount. */
function metricField(metric: Metric): z.ZodType<FieldRef | null, string | null | undefined> {
  switch (metric) {
    case 'COUNT':
      return optionalField;
    case 'SUM':
    case 'AVG':
      return requiredField(metric).refine((field) => NUMERIC_KINDS.has(field.spec.kind), {
        error: (issue) => `${metric} needs a numeric field, not "${(issue.input as FieldRef).name}"`,
      });
    default:
      return requiredField(metric);
  }
}

const grouping = z
  .object({
    field: knownField,
    bucket: z
      .enum(timeBuckets)
      .nullish()
      .transform((bucket) => bucket ?? null),
  })
  .check((ctx) => {
    const { field, bucket } = ctx.value;
    const time = field.spec.kind === 'time';
    if (bucket && !time) {
      ctx.issues.push({
        code: 'custom',
        input: bucket,
        path: ['bucket'],
        message: `a time bucket needs a time field, not "${field.name}"`,
      });
    } else if (!bucket && time) {
      ctx.issues.push({
        code: 'custom',
        input: bucket,
        path: ['bucket'],
        message: `grouping by "${field.name}" needs a bucket: ${timeBuckets.join(', ')}`,
      });
    }
  });

/** How a filter value is read as its column stores it (undefined: it is not one), and what it must be. */
const storage: Record<
  FieldKind,
  { readonly read: (text: string) => number | string | undefined; readonly expected: string }
> = {
  text: { read: (text) => text, expected: 'text' },
  number: { read: (text) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined), expected: 'a number' },
  money: { read: parseCents, expected: 'an amount with at most two decimals' },
  time: {
    read: (text) => {
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? undefined : ms;
    },
    expected: 'an ISO-8601 date or time',
  },
};

/** One condition with operator `op`: IN takes a list of values, every other operator one value. */
function condition(op: FilterOperator) {
  const most = op === 'IN' ? MAX_IN_VALUES : 1;
  return z
    .object({
      field: knownField,
      op: z.literal(op),
      values: z.array(z.string()).refine((values) => values.length >= 1 && values.length <= most, {
        error: `${op} takes 1 to ${most} values`,
        params: { limit: most },
      }),
    })
    .transform(({ field, values }, ctx) => {
      const { read, expected } = storage[field.spec.kind];
      const stored: (number | string)[] = [];
      for (const value of values) {
        const inStorage = read(value);
        if (inStorage === undefined) {
          ctx.issues.push({
            code: 'custom',
            input: value,
            path: ['values'],
            message: `${JSON.stringify(value)} is not ${expected}`,
          });
          return z.NEVER;
        }
        stored.push(inStorage);
      }
      return { field, op, values: stored };
    });
}

/** One schema per value of `key` (each checks the rest its own way); another value is refused by naming them. */
function oneOf<T extends string, S extends z.core.$ZodTypeDiscriminable>(
  key: string,
  values: readonly T[],
  member: (value: T) => S,
) {
  const [first, ...rest] = values.map(member);
  return z.discriminatedUnion(key, [first!, ...rest] as [S, ...S[]], {
    error: `${key} must be one of ${values.join(', ')}`,
  });
}

const questionSchema = oneOf('metric', metrics, (metric) =>
  z.object({
    metric: z.literal(metric),
    field: metricField(metric),
    groupBy: z
      .array(grouping)
      .max(MAX_GROUP_BY, { error: `at most ${MAX_GROUP_BY} groupings` })
      .nullish()
      .transform((groupBy) => groupBy ?? []),
    filter: z
      .array(oneOf('op', filterOperators, condition))
      .max(MAX_FILTERS, { error: `at most ${MAX_FILTERS} filters` })
      .nullish()
      .transform((filter) => filter ?? []),
  }),
);

/** A question `parseQuestionInput` accepted: fields resolved against the allow-list, values as stored. */
export type ParsedQuestion = z.output<typeof questionSchema>;

/** The question, checked and narrowed, or the BAD_USER_INPUT refusal of its first fault. */
export function parseQuestionInput(input: QuestionInput): ParsedQuestion {
  const parsed = questionSchema.safeParse(input);
  if (!parsed.success) throw refusal(parsed.error.issues[0]!);
  return parsed.data;
}

/** A zod issue as the coded error clients get: the argument by its path, and the limit it passed. */
function refusal(issue: z.core.$ZodIssue): GraphQLError {
  const argument = issue.path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
  const limit =
    issue.code === 'too_big'
      ? Number(issue.maximum)
      : issue.code === 'custom'
        ? issue.params?.limit
        : undefined;
  return codedError('BAD_USER_INPUT', issue.message, {
    argument,
    ...(limit === undefined ? {} : { limit }),
  });
}
