/**
 * The business-intelligence data of the seed dashboards (the Metabase sample shop: people who buy,
 * products, orders) and the queries over it: revenue between two instants, top customers, and the rows
 * answering a question of the question builder (`bi/summary.ts` shapes them into its answer). Money is
 * summed in integer cents. Only the time-bucket expressions differ between SQLite and PostgreSQL; day and
 * week buckets are integer arithmetic on epoch milliseconds, so they cost the same on both.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { FieldSpec, Question, TimeBucket } from '../bi/question';
import type { BillingDatabase, ShopOrderTable, ShopPersonTable, ShopProductTable } from './tables';

export type SqlDialect = 'sqlite' | 'postgres';

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: adding 3 makes Monday day 0 of a week. */
const EPOCH_TO_MONDAY_DAYS = 3;
/** Rows per INSERT while importing, under SQLite's bound-parameter limit. */
const IMPORT_CHUNK = 3_000;

const tableAlias = { order: 'o', customer: 'c', product: 'p' } as const;

/** One group of a question's answer as the database gives it. */
export interface SummaryRow {
  /** One value per grouping, in the order asked: a time bucket's start in epoch ms, or its text label. */
  readonly group: readonly (number | string | null)[];
  /** The metric as the database computed it: amounts in cents. */
  readonly value: number | string | null;
}

export interface ValueCountRecord {
  value: string;
  /** Orders with this value. */
  orders: number;
}

export interface CustomerSalesRecord {
  customerId: number;
  name: string;
  totalCents: number;
}

export interface ShopRows {
  people: ShopPersonTable[];
  products: ShopProductTable[];
  orders: ShopOrderTable[];
}

function column(spec: FieldSpec): RawBuilder<unknown> {
  return sql.ref(`${tableAlias[spec.table]}.${spec.column}`);
}

function bucketExpression(
  dialect: SqlDialect,
  ms: RawBuilder<unknown>,
  bucket: TimeBucket,
): RawBuilder<unknown> {
  const day = sql`(${ms} / ${sql.lit(DAY_MS)})`;
  if (bucket === 'day') return sql`${day} * ${sql.lit(DAY_MS)}`;
  if (bucket === 'week') {
    return sql`(${day} - ((${day} + ${sql.lit(EPOCH_TO_MONDAY_DAYS)}) % 7)) * ${sql.lit(DAY_MS)}`;
  }
  if (dialect === 'sqlite') {
    const at = (format: string) => sql`strftime(${sql.lit(format)}, ${ms} / 1000, 'unixepoch')`;
    if (bucket === 'month') return at('%Y-%m');
    if (bucket === 'year') return at('%Y');
    return sql`${at('%Y')} || '-Q' || ((cast(${at('%m')} as integer) + 2) / 3)`;
  }
  const at = (format: string) =>
    sql`to_char(to_timestamp(${ms} / 1000.0) at time zone 'UTC', ${sql.lit(format)})`;
  if (bucket === 'month') return at('YYYY-MM');
  if (bucket === 'year') return at('YYYY');
  return at('YYYY-"Q"Q');
}

/** A row as selected: the groupings as `g0`, `g1`, … and the metric as `value`. */
type SelectedRow = Record<string, number | string | null>;

function metricOf(question: Question): RawBuilder<unknown> {
  const target = question.field ? column(question.field) : null;
  switch (question.metric) {
    case 'COUNT':
      return target ? sql`count(${target})` : sql`count(*)`;
    case 'DISTINCT':
      return sql`count(distinct ${target})`;
    default:
      return sql`${sql.raw(question.metric.toLowerCase())}(${target})`;
  }
}

/**
 * The filter's conditions. Text matches without regard to case (`widget` finds the Widget category), in both
 * dialects alike: both sides lower-cased for equality and lists; order comparisons of text stay as stored.
 */
function whereOf(question: Question): RawBuilder<unknown> {
  const conditions = question.filter.map((condition) => {
    const text = condition.spec.kind === 'text';
    const left = text ? sql`lower(${column(condition.spec)})` : column(condition.spec);
    const values = text ? condition.values.map((value) => String(value).toLowerCase()) : condition.values;
    const [first] = values;
    switch (condition.op) {
      case 'EQ':
        return sql`${left} = ${first}`;
      case 'NE':
        return sql`${left} <> ${first}`;
      case 'LT':
        return sql`${column(condition.spec)} < ${condition.values[0]}`;
      case 'LTE':
        return sql`${column(condition.spec)} <= ${condition.values[0]}`;
      case 'GT':
        return sql`${column(condition.spec)} > ${condition.values[0]}`;
      case 'GTE':
        return sql`${column(condition.spec)} >= ${condition.values[0]}`;
      case 'IN':
        return sql`${left} in (${sql.join(values)})`;
    }
  });
  return conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

function groupedBy(aliases: readonly string[]): RawBuilder<unknown> {
  if (aliases.length === 0) return sql``;
  const refs = sql.join(aliases.map((alias) => sql.ref(alias)));
  return sql`group by ${refs} order by ${refs}`;
}

/** How per-day partial results combine into a bucket; metrics absent here cannot be folded. */
const foldable = { SUM: 'sum', COUNT: 'sum', MIN: 'min', MAX: 'max' } as const;

/**
 * Whether a question can be answered from per-day partial aggregates: one time bucket of the order's date,
 * a metric that combines (not AVG or DISTINCT), and nothing from the joined tables.
 */
function foldsDays(question: Question): boolean {
  const [only, ...rest] = question.groupBy;
  return (
    rest.length === 0 &&
    only?.bucket !== null &&
    only?.spec.table === 'order' &&
    only.spec.column === 'created_at_ms' &&
    question.metric in foldable &&
    question.joins.size === 0
  );
}

export function createShopStore(db: Kysely<BillingDatabase>, dialect: SqlDialect) {
  /** One pass over the rows: any question. */
  const summarizeRows = (question: Question, limit: number) => {
    const groups = question.groupBy.map((group, index) => ({
      alias: `g${index}`,
      expression: group.bucket
        ? bucketExpression(dialect, column(group.spec), group.bucket)
        : column(group.spec),
    }));
    const select = sql.join([
      ...groups.map((group) => sql`${group.expression} as ${sql.ref(group.alias)}`),
      sql`${metricOf(question)} as value`,
    ]);
    const joins = [
      question.joins.has('customer') ? sql`join shop_person as c on c.id = o.person_id` : sql``,
      question.joins.has('product') ? sql`join shop_product as p on p.id = o.product_id` : sql``,
    ];
    return sql<SelectedRow>`
      select ${select} from shop_order as o ${sql.join(joins, sql` `)} ${whereOf(question)}
      ${groupedBy(groups.map((group) => group.alias))} limit ${limit}`;
  };

  /** Per day first (an in-order walk of the day index), then days folded into the bucket. */
  const summarizeByDays = (question: Question, limit: number) => {
    const day = sql`(${sql.ref('o.created_at_ms')} / ${sql.lit(DAY_MS)})`;
    const combine = sql.raw(foldable[question.metric as keyof typeof foldable]);
    const bucket = bucketExpression(dialect, sql`(d * ${sql.lit(DAY_MS)})`, question.groupBy[0]!.bucket!);
    return sql<SelectedRow>`
      select ${bucket} as g0, ${combine}(partial) as value
      from (select ${day} as d, ${metricOf(question)} as partial from shop_order as o ${whereOf(question)}
            group by ${day}) as days
      ${groupedBy(['g0'])} limit ${limit}`;
  };

  return {
    /** The first `limit` groups answering `question`, in the order of their groupings. */
    async summaryRows(question: Question, limit: number): Promise<SummaryRow[]> {
      const { rows } = await (
        foldsDays(question) ? summarizeByDays(question, limit) : summarizeRows(question, limit)
      ).execute(db);
      return rows.map((row) => ({
        group: question.groupBy.map((_, index) => row[`g${index}`]),
        value: row.value,
      }));
    },

    /**
     * The values of a text field with how many orders have each, most orders first (ties by value), at most
     * `limit` of them: the question builder's value picker.
     */
    async valueCounts(spec: FieldSpec, limit: number): Promise<ValueCountRecord[]> {
      const join =
        spec.table === 'customer'
          ? sql`join shop_person as c on c.id = o.person_id`
          : spec.table === 'product'
            ? sql`join shop_product as p on p.id = o.product_id`
            : sql``;
      const { rows } = await sql<{ value: string; orders: number }>`
        select ${column(spec)} as value, count(*) as orders from shop_order as o ${join}
        group by ${column(spec)} order by orders desc, value limit ${limit}`.execute(db);
      return rows.map((row) => ({ value: String(row.value), orders: Number(row.orders) }));
    },

    /** Revenue in cents of the orders placed in `[from, to)`. */
    async revenueCentsBetween(from: Date, to: Date): Promise<number> {
      const row = await db
        .selectFrom('shop_order')
        .select(sql<number>`coalesce(sum(total_cents), 0)`.as('cents'))
        .where('created_at_ms', '>=', from.getTime())
        .where('created_at_ms', '<', to.getTime())
        .executeTakeFirstOrThrow();
      return Number(row.cents);
    },

    /** When the latest order was placed; undefined when there are none. */
    async latestOrderAt(): Promise<Date | undefined> {
      const row = await db
        .selectFrom('shop_order')
        .select(sql<number | null>`max(created_at_ms)`.as('latest'))
        .executeTakeFirstOrThrow();
      return row.latest === null ? undefined : new Date(Number(row.latest));
    },

    /** The best customers by the total of their orders, best first (ties by id). */
    async topCustomers(limit: number, offset: number): Promise<CustomerSalesRecord[]> {
      const rows = await db
        .selectFrom('shop_order as o')
        .innerJoin('shop_person as c', 'c.id', 'o.person_id')
        .select(['c.id', 'c.name', sql<number>`sum(o.total_cents)`.as('total_cents')])
        .groupBy(['c.id', 'c.name'])
        .orderBy('total_cents', 'desc')
        .orderBy('c.id')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((row) => ({
        customerId: Number(row.id),
        name: row.name,
        totalCents: Number(row.total_cents),
      }));
    },

    async countBuyingCustomers(): Promise<number> {
      const row = await db
        .selectFrom('shop_order')
        .select(sql<number>`count(distinct person_id)`.as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async orderTotals(): Promise<{ orders: number; totalCents: number }> {
      const row = await db
        .selectFrom('shop_order')
        .select([sql<number>`count(*)`.as('orders'), sql<number>`coalesce(sum(total_cents), 0)`.as('cents')])
        .executeTakeFirstOrThrow();
      return { orders: Number(row.orders), totalCents: Number(row.cents) };
    },

    /** Replaces the whole shop dataset in one transaction (the importer and the demo data). */
    async replaceShop(data: ShopRows): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('shop_order').execute();
        await trx.deleteFrom('shop_product').execute();
        await trx.deleteFrom('shop_person').execute();
        for (let i = 0; i < data.people.length; i += IMPORT_CHUNK) {
          await trx
            .insertInto('shop_person')
            .values(data.people.slice(i, i + IMPORT_CHUNK))
            .execute();
        }
        for (let i = 0; i < data.products.length; i += IMPORT_CHUNK) {
          await trx
            .insertInto('shop_product')
            .values(data.products.slice(i, i + IMPORT_CHUNK))
            .execute();
        }
        for (let i = 0; i < data.orders.length; i += IMPORT_CHUNK) {
          await trx
            .insertInto('shop_order')
            .values(data.orders.slice(i, i + IMPORT_CHUNK))
            .execute();
        }
      });
    },
  };
}
