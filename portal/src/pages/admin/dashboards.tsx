import { useState, type FormEvent } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import SeriesChart from '../../components/SeriesChart';
import styles from '../../components/console.module.css';
import { formatDay, formatMoney, formatNumber } from '../../lib/format';
import { callApi } from '../../lib/session';
import { useApi } from '../../lib/useApi';

interface Dashboards {
  revenueAgainstTarget: {
    from: string;
    to: string;
    revenue: number;
    target: number;
    attainment: number;
    currency: string;
  };
  revenueByWeek: { weekStart: string; revenue: number }[];
}

interface TopCustomers {
  topCustomersBySales: {
    rows: { rank: number; name: string; amount: number; currency: string }[];
    from: number;
    to: number;
    total: number;
  };
}

interface Summary {
  columns: string[];
  rows: { group: string[]; value: number | null }[];
  truncated: boolean;
}

const DASHBOARDS = `query RevenueDashboards {
  revenueAgainstTarget(days: 30) { from to revenue target attainment currency }
  revenueByWeek { weekStart revenue }
}`;
const TOP_CUSTOMERS = `query TopCustomers($offset: Int!) {
  topCustomersBySales(top: 10, first: 5, offset: $offset) { rows { rank name amount currency } from to total }
}`;
const SUMMARIZE = `query Question($metric: SummaryMetric!, $field: String, $groupBy: [GroupByInput!], $filter: [FilterInput!]) {
  summarize(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter) { columns rows { group value } truncated }
}`;
/** Weeks of revenue the weekly chart shows, ending with the latest. */
const WEEKS_SHOWN = 26;
const PAGE_SIZE = 5;

/** The question builder's vocabulary (billing's allow-list in src/bi/question.ts). */
const FIELDS: { name: string; label: string; kind: 'number' | 'money' | 'time' | 'text' }[] = [
  { name: 'order.total', label: 'Order total', kind: 'money' },
  { name: 'order.subtotal', label: 'Order subtotal', kind: 'money' },
  { name: 'order.tax', label: 'Order tax', kind: 'money' },
  { name: 'order.discount', label: 'Order discount', kind: 'money' },
  { name: 'order.quantity', label: 'Order quantity', kind: 'number' },
  { name: 'order.createdAt', label: 'Order date', kind: 'time' },
  { name: 'customer.name', label: 'Customer name', kind: 'text' },
  { name: 'customer.city', label: 'Customer city', kind: 'text' },
  { name: 'customer.state', label: 'Customer state', kind: 'text' },
  { name: 'customer.source', label: 'Customer source', kind: 'text' },
  { name: 'customer.createdAt', label: 'Customer since', kind: 'time' },
  { name: 'product.title', label: 'Product title', kind: 'text' },
  { name: 'product.category', label: 'Product category', kind: 'text' },
  { name: 'product.vendor', label: 'Product vendor', kind: 'text' },
  { name: 'product.price', label: 'Product price', kind: 'money' },
  { name: 'product.createdAt', label: 'Product added', kind: 'time' },
];
const METRICS = [
  { id: 'SUM', label: 'Sum of' },
  { id: 'AVG', label: 'Average of' },
  { id: 'MIN', label: 'Minimum of' },
  { id: 'MAX', label: 'Maximum of' },
  { id: 'COUNT', label: 'Count of orders' },
  { id: 'DISTINCT', label: 'Distinct values of' },
];
const BUCKETS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
const OPERATORS = [
  { id: 'EQ', label: 'is' },
  { id: 'NE', label: 'is not' },
  { id: 'LT', label: 'less than' },
  { id: 'LTE', label: 'at most' },
  { id: 'GT', label: 'greater than' },
  { id: 'GTE', label: 'at least' },
  { id: 'IN', label: 'is one of (comma separated)' },
];
const numeric = (kind: string) => kind === 'money' || kind === 'number';
const labelOf = (name: string) => FIELDS.find((f) => f.name === name)?.label ?? name;
/** A summary column is a field, or `field:BUCKET` for a time bucket. */
function columnLabel(column: string): string {
  const [name, bucket] = column.split(':');
  return bucket ? `${labelOf(name!)} (${bucket.toLowerCase()})` : labelOf(name!);
}

function TargetPanel({ data }: { data: Dashboards['revenueAgainstTarget'] }) {
  const percent = Math.round(data.attainment * 100);
  return (
    <section className={styles.panel} aria-labelledby="target-title">
      <h2 id="target-title">Revenue against target, last 30 days</h2>
      <p>
        <span className={styles.stat}>{formatMoney(data.revenue, data.currency)}</span> of{' '}
        {formatMoney(data.target, data.currency)} target: <strong>{percent} %</strong>
      </p>
      <meter
        className={styles.meter}
        min={0}
        max={Math.max(data.target, data.revenue)}
        low={data.target * 0.8}
        optimum={data.target}
        value={data.revenue}
        aria-label="Revenue as a share of the target"
      />
      <p className={styles.hint}>
        {formatDay(data.from)} to {formatDay(data.to)} (the 30 days up to the latest order)
      </p>
    </section>
  );
}

function WeeklyRevenue({ weeks, currency }: { weeks: Dashboards['revenueByWeek']; currency: string }) {
  const shown = weeks.slice(-WEEKS_SHOWN);
  return (
    <figure className={`${styles.panel} ${styles.figure}`} aria-label="Weekly revenue">
      <figcaption>
        <strong>Revenue per week</strong> (last {shown.length} weeks)
      </figcaption>
      <div className={styles.chart}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={shown} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="weekStart" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis
              tick={{ fontSize: 11 }}
              width={72}
              tickFormatter={(v: number) => formatMoney(v, currency)}
            />
            <Tooltip formatter={(value) => formatMoney(Number(value), currency)} />
            <Area
              dataKey="revenue"
              name="Revenue"
              stroke="#1d5fa8"
              fill="#1d5fa8"
              fillOpacity={0.25}
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function TopCustomersTable() {
  const [offset, setOffset] = useState(0);
  const { data, error } = useApi<TopCustomers>(TOP_CUSTOMERS, { offset });
  const page = data?.topCustomersBySales;
  return (
    <section className={styles.panel} aria-labelledby="top-title">
      <h2 id="top-title">Top customers by sales</h2>
      <ErrorNotice error={error} />
      {page ? (
        <>
          <div className={styles.tableWrap}>
            <table>
              <caption className={styles.visuallyHidden}>The ten best customers by total sales</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Customer</th>
                  <th scope="col" className={styles.numeric}>
                    Sales
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.rank}>
                    <td>{row.rank}</td>
                    <td>{row.name}</td>
                    <td className={styles.numeric}>{formatMoney(row.amount, row.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--secondary button--sm"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Previous
            </button>
            <span role="status">
              Rows {page.from}–{page.to} of {page.total}
            </span>
            <button
              type="button"
              className="button button--secondary button--sm"
              disabled={page.to >= page.total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Next
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

function QuestionBuilder({ currency }: { currency: string }) {
  const [metric, setMetric] = useState('SUM');
  const [field, setField] = useState('order.total');
  const [groupField, setGroupField] = useState('product.category');
  const [bucket, setBucket] = useState('MONTH');
  const [filterField, setFilterField] = useState('');
  const [operator, setOperator] = useState('EQ');
  const [filterValue, setFilterValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<{ title: string; summary: Summary }>();

  const needsField = metric !== 'COUNT';
  const fieldChoices = FIELDS.filter((f) => (metric === 'DISTINCT' ? true : numeric(f.kind)));
  const chosenField = fieldChoices.some((f) => f.name === field) ? field : fieldChoices[0]!.name;
  const groupKind = FIELDS.find((f) => f.name === groupField)?.kind;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const groupBy = groupField ? [{ field: groupField, ...(groupKind === 'time' ? { bucket } : {}) }] : [];
    const filter =
      filterField && filterValue.trim()
        ? [
            {
              field: filterField,
              op: operator,
              values: operator === 'IN' ? filterValue.split(',').map((v) => v.trim()) : [filterValue.trim()],
            },
          ]
        : [];
    try {
      const { summarize } = await callApi<{ summarize: Summary }>(SUMMARIZE, {
        metric,
        field: needsField ? chosenField : null,
        groupBy,
        filter,
      });
      const what = `${METRICS.find((m) => m.id === metric)!.label}${needsField ? ` ${labelOf(chosenField).toLowerCase()}` : ''}`;
      const by = groupField
        ? ` by ${labelOf(groupField).toLowerCase()}${groupKind === 'time' ? ` (${bucket.toLowerCase()})` : ''}`
        : '';
      setAnswer({ title: `${what}${by}`, summary: summarize });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const rows = (answer?.summary.rows ?? []).map((row) => ({
    label: row.group.join(' · ') || 'All orders',
    value: row.value ?? 0,
  }));
  const money =
    needsField && metric !== 'DISTINCT' && FIELDS.find((f) => f.name === chosenField)?.kind === 'money';
  const show = (value: number | null) =>
    value === null ? '–' : money ? formatMoney(value, currency) : formatNumber(Math.round(value * 100) / 100);

  return (
    <section className={styles.panel} aria-labelledby="question-title">
      <h2 id="question-title">Ask a question of the orders</h2>
      <form onSubmit={run} className={styles.formWide}>
        <div className={styles.field}>
          <label htmlFor="q-metric">Metric</label>
          <select id="q-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
            {METRICS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        {needsField ? (
          <div className={styles.field}>
            <label htmlFor="q-field">Field</label>
            <select id="q-field" value={chosenField} onChange={(e) => setField(e.target.value)}>
              {fieldChoices.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className={styles.field}>
          <label htmlFor="q-group">Group by</label>
          <select id="q-group" value={groupField} onChange={(e) => setGroupField(e.target.value)}>
            <option value="">Nothing (one total)</option>
            {FIELDS.filter((f) => !numeric(f.kind) || f.name === 'order.quantity').map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {groupKind === 'time' ? (
          <div className={styles.field}>
            <label htmlFor="q-bucket">Time bucket</label>
            <select id="q-bucket" value={bucket} onChange={(e) => setBucket(e.target.value)}>
              {BUCKETS.map((b) => (
                <option key={b} value={b}>
                  {b.charAt(0) + b.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className={styles.field}>
          <label htmlFor="q-filter-field">Filter on</label>
          <select id="q-filter-field" value={filterField} onChange={(e) => setFilterField(e.target.value)}>
            <option value="">No filter</option>
            {FIELDS.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {filterField ? (
          <>
            <div className={styles.field}>
              <label htmlFor="q-filter-op">Condition</label>
              <select id="q-filter-op" value={operator} onChange={(e) => setOperator(e.target.value)}>
                {OPERATORS.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.field}>
              <label htmlFor="q-filter-value">Value</label>
              <input
                id="q-filter-value"
                value={filterValue}
                placeholder={
                  FIELDS.find((f) => f.name === filterField)?.kind === 'time' ? '2025-01-01' : 'e.g. Widget'
                }
                onChange={(e) => setFilterValue(e.target.value)}
              />
            </div>
          </>
        ) : null}
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Asking…' : 'Ask'}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {answer ? (
        <div className="margin-top--md">
          <SeriesChart title={answer.title} rows={rows} series={[{ key: 'value', name: answer.title }]} />
          {answer.summary.truncated ? (
            <p className="alert alert--info">
              Only the first groups are shown: add a filter to narrow the question.
            </p>
          ) : null}
          <div className={styles.tableWrap}>
            <table>
              <caption className={styles.visuallyHidden}>{answer.title}</caption>
              <thead>
                <tr>
                  {answer.summary.columns.map((column) => (
                    <th scope="col" key={column}>
                      {columnLabel(column)}
                    </th>
                  ))}
                  <th scope="col" className={styles.numeric}>
                    {answer.title}
                  </th>
                </tr>
              </thead>
              <tbody>
                {answer.summary.rows.map((row) => (
                  <tr key={row.group.join('\u0000') || 'all'}>
                    {row.group.map((value, index) => (
                      <td key={index}>{value}</td>
                    ))}
                    <td className={styles.numeric}>{show(row.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function RevenueDashboards() {
  const { data, error } = useApi<Dashboards>(DASHBOARDS, {});
  return (
    <>
      <ErrorNotice error={error} />
      {data ? (
        <div className={styles.grid}>
          <TargetPanel data={data.revenueAgainstTarget} />
          <WeeklyRevenue weeks={data.revenueByWeek} currency={data.revenueAgainstTarget.currency} />
        </div>
      ) : null}
      <TopCustomersTable />
      <QuestionBuilder currency={data?.revenueAgainstTarget.currency ?? 'USD'} />
    </>
  );
}

export default function AdminDashboards() {
  return (
    <ConsoleLayout
      title="Revenue"
      description="Revenue against target, weekly revenue, top customers, questions."
      admin
    >
      {() => <RevenueDashboards />}
    </ConsoleLayout>
  );
}
