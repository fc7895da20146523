/**
 * The question builder over the sample shop's orders (billing's `summarize`): a metric, a grouping and one
 * filter. Text filters pick from the field's values with their order counts (matched without regard to
 * case); the title says the filter; an answer with no orders says so; a refused question replaces the
 * previous answer, so no stale chart sits under an error. Questions can be saved (per admin, or shared) and
 * reopened, and an answer downloaded as CSV.
 */
import { useState, type FormEvent } from 'react';
import ErrorNotice from './ErrorNotice';
import SeriesChart from './SeriesChart';
import styles from './console.module.css';
import { graphql } from '../gql';
import type {
  FilterInput,
  FilterOperator,
  GroupByInput,
  QuestionQuery,
  SavedQuestionsQuery,
  SummaryMetric,
  TimeBucket,
} from '../gql/graphql';
import { formatMoney, formatNumber } from '../lib/format';
import { callApi } from '../lib/session';
import { useApi } from '../lib/useApi';

type Summary = QuestionQuery['summarize'];
/** A question as the builder holds it: what `summarize` and `saveQuestion` are asked with. */
interface Question {
  metric: SummaryMetric;
  field: string | null;
  groupBy: GroupByInput[];
  filter: FilterInput[];
}
type SavedQuestion = SavedQuestionsQuery['savedQuestions'][number];

const SUMMARIZE = graphql(`
  query Question(
    $metric: SummaryMetric!
    $field: String
    $groupBy: [GroupByInput!]
    $filter: [FilterInput!]
  ) {
    summarize(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter) {
      columns
      rows {
        group
        value
      }
      truncated
    }
  }
`);
const SUMMARIZE_CSV = graphql(`
  query QuestionCsv(
    $metric: SummaryMetric!
    $field: String
    $groupBy: [GroupByInput!]
    $filter: [FilterInput!]
  ) {
    summarizeCsv(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter)
  }
`);
const FILTER_VALUES = graphql(`
  query FilterValues($field: String!) {
    filterValues(field: $field, first: 200) {
      value
      orders
    }
  }
`);
const SAVED = graphql(`
  query SavedQuestions {
    savedQuestions {
      id
      name
      shared
      mine
      metric
      field
      groupBy {
        field
        bucket
      }
      filter {
        field
        op
        values
      }
    }
  }
`);
const SAVE = graphql(`
  mutation SaveQuestion($input: SaveQuestionInput!) {
    saveQuestion(input: $input) {
      id
    }
  }
`);
const DELETE = graphql(`
  mutation DeleteSavedQuestion($id: ID!) {
    deleteSavedQuestion(id: $id)
  }
`);

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
const METRICS: { id: SummaryMetric; label: string }[] = [
  { id: 'SUM', label: 'Sum of' },
  { id: 'AVG', label: 'Average of' },
  { id: 'MIN', label: 'Minimum of' },
  { id: 'MAX', label: 'Maximum of' },
  { id: 'COUNT', label: 'Count of orders' },
  { id: 'DISTINCT', label: 'Distinct values of' },
];
const BUCKETS: TimeBucket[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
const OPERATORS: { id: FilterOperator; label: string }[] = [
  { id: 'EQ', label: 'is' },
  { id: 'NE', label: 'is not' },
  { id: 'LT', label: 'less than' },
  { id: 'LTE', label: 'at most' },
  { id: 'GT', label: 'greater than' },
  { id: 'GTE', label: 'at least' },
  { id: 'IN', label: 'is one of' },
];
/** Operators a text field's value picker serves; order comparisons of text take typed values. */
const PICKED = new Set<FilterOperator>(['EQ', 'NE', 'IN']);
const numeric = (kind: string) => kind === 'money' || kind === 'number';
const kindOf = (name: string) => FIELDS.find((f) => f.name === name)?.kind;
const labelOf = (name: string) => FIELDS.find((f) => f.name === name)?.label ?? name;
/** A summary column is a field, or `field:BUCKET` for a time bucket. */
function columnLabel(column: string): string {
  const [name, bucket] = column.split(':');
  return bucket ? `${labelOf(name!)} (${bucket.toLowerCase()})` : labelOf(name!);
}

/** "Sum of order total by week — product category is Widget". */
function questionTitle(question: Question): string {
  const what = `${METRICS.find((m) => m.id === question.metric)!.label}${question.field ? ` ${labelOf(question.field).toLowerCase()}` : ''}`;
  const group = question.groupBy[0];
  const by = group
    ? ` by ${labelOf(group.field).toLowerCase()}${group.bucket ? ` (${group.bucket.toLowerCase()})` : ''}`
    : '';
  const condition = question.filter[0];
  const where = condition
    ? ` — ${labelOf(condition.field).toLowerCase()} ${OPERATORS.find((o) => o.id === condition.op)!.label} ${condition.values.join(', ')}`
    : '';
  return `${what}${by}${where}`;
}

/** Hands the browser a file to save. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The value of a text filter: typed (matched whatever its case), or picked from the field's values, each
 * shown with its count of orders. For "is one of", a pick adds to the comma-separated list.
 */
function ValuePicker({
  field,
  text,
  adds,
  onChange,
}: {
  field: string;
  text: string;
  adds: boolean;
  onChange: (text: string) => void;
}) {
  const { data, error } = useApi(FILTER_VALUES, { field });
  return (
    <>
      <div className={styles.field}>
        <label htmlFor="q-filter-pick">Pick a value (orders)</label>
        <select
          id="q-filter-pick"
          value=""
          onChange={(e) => {
            const value = e.target.value;
            if (value) onChange(adds && text.trim() ? `${text.replace(/[,\s]+$/, '')}, ${value}` : value);
          }}
        >
          <option value="">{data ? `${data.filterValues.length} values` : 'Loading…'}</option>
          {(data?.filterValues ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.value} ({formatNumber(option.orders)})
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="q-filter-value">Value</label>
        <input id="q-filter-value" value={text} onChange={(e) => onChange(e.target.value)} />
      </div>
      <ErrorNotice error={error} />
    </>
  );
}

export default function QuestionBuilder({ currency }: { currency: string }) {
  const [metric, setMetric] = useState<SummaryMetric>('SUM');
  const [field, setField] = useState('order.total');
  const [groupField, setGroupField] = useState('product.category');
  const [bucket, setBucket] = useState<TimeBucket>('MONTH');
  const [filterField, setFilterField] = useState('');
  const [operator, setOperator] = useState<FilterOperator>('EQ');
  const [filterText, setFilterText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<{ question: Question; summary: Summary }>();
  const [saveName, setSaveName] = useState('');
  const [shared, setShared] = useState(false);
  const [chosen, setChosen] = useState('');
  const [notice, setNotice] = useState('');
  const saved = useApi(SAVED, {});

  const needsField = metric !== 'COUNT';
  const fieldChoices = FIELDS.filter((f) => (metric === 'DISTINCT' ? true : numeric(f.kind)));
  const chosenField = fieldChoices.some((f) => f.name === field) ? field : fieldChoices[0]!.name;
  const groupKind = kindOf(groupField);
  const filterKind = kindOf(filterField);

  const current = (): Question => {
    const values = (operator === 'IN' ? filterText.split(',') : [filterText])
      .map((value) => value.trim())
      .filter((value) => value !== '');
    return {
      metric,
      field: needsField ? chosenField : null,
      groupBy: groupField ? [{ field: groupField, ...(groupKind === 'time' ? { bucket } : {}) }] : [],
      filter: filterField && values.length > 0 ? [{ field: filterField, op: operator, values }] : [],
    };
  };

  const ask = async (question: Question) => {
    setBusy(true);
    setError(undefined);
    setNotice('');
    // The old answer goes at once: an error must never sit above a stale chart.
    setAnswer(undefined);
    try {
      const { summarize } = await callApi(SUMMARIZE, { ...question });
      setAnswer({ question, summary: summarize });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const run = (event: FormEvent) => {
    event.preventDefault();
    void ask(current());
  };

  const open = (question: SavedQuestion) => {
    setMetric(question.metric);
    if (question.field) setField(question.field);
    setGroupField(question.groupBy[0]?.field ?? '');
    if (question.groupBy[0]?.bucket) setBucket(question.groupBy[0].bucket);
    setFilterField(question.filter[0]?.field ?? '');
    setOperator(question.filter[0]?.op ?? 'EQ');
    setFilterText((question.filter[0]?.values ?? []).join(', '));
    setSaveName(question.name);
    void ask({
      metric: question.metric,
      field: question.field,
      groupBy: question.groupBy,
      filter: question.filter,
    });
  };

  const act = async (work: () => Promise<string>) => {
    setError(undefined);
    try {
      setNotice(await work());
      saved.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  const exportCsv = async () => {
    if (!answer) return;
    try {
      const { summarizeCsv } = await callApi(SUMMARIZE_CSV, { ...answer.question });
      download(
        `${
          questionTitle(answer.question)
            .replace(/[^\w -]+/g, '')
            .trim() || 'answer'
        }.csv`,
        summarizeCsv,
      );
    } catch (failure) {
      setError(failure);
    }
  };

  const title = answer ? questionTitle(answer.question) : '';
  const rows = (answer?.summary.rows ?? []).map((row) => ({
    label: row.group.join(' · ') || 'All orders',
    value: row.value ?? 0,
  }));
  const empty =
    answer !== undefined &&
    (answer.summary.rows.length === 0 ||
      answer.summary.rows.every(
        (row) => row.value === null || (answer.question.metric === 'COUNT' && row.value === 0),
      ));
  const money =
    answer?.question.field &&
    answer.question.metric !== 'DISTINCT' &&
    answer.question.metric !== 'COUNT' &&
    kindOf(answer.question.field) === 'money';
  const show = (value: number | null) =>
    value === null ? '–' : money ? formatMoney(value, currency) : formatNumber(Math.round(value * 100) / 100);
  const savedList = saved.data?.savedQuestions ?? [];
  const selected = savedList.find((question) => question.id === chosen) ?? savedList[0];

  return (
    <section className={styles.panel} aria-labelledby="question-title">
      <h2 id="question-title">Ask a question of the shop’s orders</h2>
      {savedList.length > 0 ? (
        <div className={styles.formWide}>
          <div className={styles.field}>
            <label htmlFor="q-saved">Saved questions</label>
            <select id="q-saved" value={selected?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {savedList.map((question) => (
                <option key={question.id} value={question.id}>
                  {question.name}
                  {question.shared ? ' (shared)' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => selected && open(selected)}
            >
              Open
            </button>
            {selected?.mine ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() =>
                  void act(async () => {
                    await callApi(DELETE, { id: selected.id });
                    setChosen('');
                    return `Deleted “${selected.name}”.`;
                  })
                }
              >
                Delete
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      <form onSubmit={run} className={styles.formWide}>
        <div className={styles.field}>
          <label htmlFor="q-metric">Metric</label>
          <select id="q-metric" value={metric} onChange={(e) => setMetric(e.target.value as SummaryMetric)}>
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
            <select id="q-bucket" value={bucket} onChange={(e) => setBucket(e.target.value as TimeBucket)}>
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
          <select
            id="q-filter-field"
            value={filterField}
            onChange={(e) => {
              setFilterField(e.target.value);
              setFilterText('');
            }}
          >
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
              <select
                id="q-filter-op"
                value={operator}
                onChange={(e) => setOperator(e.target.value as FilterOperator)}
              >
                {OPERATORS.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            {filterKind === 'text' && PICKED.has(operator) ? (
              <ValuePicker
                field={filterField}
                text={filterText}
                adds={operator === 'IN'}
                onChange={setFilterText}
              />
            ) : (
              <div className={styles.field}>
                <label htmlFor="q-filter-value">Value</label>
                <input
                  id="q-filter-value"
                  value={filterText}
                  placeholder={filterKind === 'time' ? '2025-01-01' : 'e.g. 100'}
                  onChange={(e) => setFilterText(e.target.value)}
                />
              </div>
            )}
          </>
        ) : null}
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Asking…' : 'Ask'}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {notice ? (
        <p role="status" className="alert alert--success">
          {notice}
        </p>
      ) : null}
      {answer ? (
        <div className="margin-top--md">
          <div className={styles.formWide}>
            <div className={styles.field}>
              <label htmlFor="q-save-name">Save this question as</label>
              <input
                id="q-save-name"
                value={saveName}
                maxLength={80}
                onChange={(e) => setSaveName(e.target.value)}
              />
            </div>
            <div className={styles.checks}>
              <label>
                <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share
                with every admin
              </label>
            </div>
            <div className={styles.actions}>
              <button
                type="button"
                className="button button--secondary"
                onClick={() =>
                  void act(async () => {
                    await callApi(SAVE, { input: { name: saveName, shared, ...answer.question } });
                    return `Saved “${saveName.trim()}”.`;
                  })
                }
              >
                Save question
              </button>
              <button type="button" className="button button--secondary" onClick={() => void exportCsv()}>
                Download CSV
              </button>
            </div>
          </div>
          {empty ? (
            <p className="alert alert--info" role="status" data-testid="no-orders">
              No matching orders: {title}.
            </p>
          ) : (
            <>
              <SeriesChart title={title} rows={rows} series={[{ key: 'value', name: title }]} />
              {answer.summary.truncated ? (
                <p className="alert alert--info">
                  Only the first groups are shown: add a filter to narrow the question.
                </p>
              ) : null}
              <div className={styles.tableWrap}>
                <table>
                  <caption className={styles.visuallyHidden}>{title}</caption>
                  <thead>
                    <tr>
                      {answer.summary.columns.map((column) => (
                        <th scope="col" key={column}>
                          {columnLabel(column)}
                        </th>
                      ))}
                      <th scope="col" className={styles.numeric}>
                        {title}
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
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
