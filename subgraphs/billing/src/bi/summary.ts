/**
 * A question's answer as clients get it, from the rows the store found: at most MAX_SUMMARY_ROWS groups
 * (`truncated` says when there were more), time buckets as labels, amounts in currency units rather than
 * the cents they are stored in.
 */
import type { BillingStore, SummaryRow } from '../store';
import type { Question, TimeBucket } from './question';

/**
 * Groups a question returns at most; `truncated` says when there were more.
 * @internal
 */
export const MAX_SUMMARY_ROWS = 5_000;

interface SummaryRecord {
  /** One label per grouping, in the order asked. */
  group: string[];
  /** The metric; money in currency units. */
  value: number | null;
}

export interface Summary {
  rows: SummaryRecord[];
  truncated: boolean;
}

/** Runs `question` and shapes its answer; one row more than is returned tells whether there were more. */
export async function answerQuestion(
  store: Pick<BillingStore, 'summaryRows'>,
  question: Question,
): Promise<Summary> {
  return shapeSummary(question, await store.summaryRows(question, MAX_SUMMARY_ROWS + 1));
}

/** @internal */
export function shapeSummary(question: Question, rows: readonly SummaryRow[]): Summary {
  const inCurrency =
    question.field?.kind === 'money' && question.metric !== 'COUNT' && question.metric !== 'DISTINCT';
  return {
    truncated: rows.length > MAX_SUMMARY_ROWS,
    rows: rows.slice(0, MAX_SUMMARY_ROWS).map((row) => {
      const raw = row.value === null ? null : Number(row.value);
      return {
        group: question.groupBy.map((group, index) =>
          group.bucket ? bucketLabel(group.bucket, row.group[index] ?? '') : String(row.group[index]),
        ),
        value: raw === null ? null : inCurrency ? raw / 100 : raw,
      };
    }),
  };
}

/** The label of a time bucket, from the bucket's start in epoch ms or the SQL text label. */
function bucketLabel(bucket: TimeBucket, value: number | string): string {
  if (bucket === 'day' || bucket === 'week') return new Date(Number(value)).toISOString().slice(0, 10);
  return String(value);
}
