/**
 * The question builder's vocabulary: which fields of orders (and of the customer and product joined to
 * them) a question may name, its limits, and what a question is once checked and built. Only names from this
 * allow-list ever reach SQL, and they reach it as column references chosen here; user values travel as bound
 * parameters. A client's question is checked in `question-input.ts`, built in `question-builder.ts`, and its
 * answer shaped in `summary.ts`.
 */

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

interface Grouping {
  readonly name: string;
  readonly spec: FieldSpec;
  readonly bucket: TimeBucket | null;
}

interface Condition {
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
