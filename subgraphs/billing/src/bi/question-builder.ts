/**
 * Building a checked question into what the store runs: the fields' columns, the tables to join to orders
 * (only those the question names), and the name each grouping has in the answer (`order.createdAt:week`).
 */
import { parseQuestionInput, type FieldRef, type ParsedQuestion, type QuestionInput } from './question-input';
import type { Question, Table } from './question';

/** @internal */
export function buildQuestion(parsed: ParsedQuestion): Question {
  const joins = new Set<Table>();
  const use = ({ spec }: FieldRef) => {
    if (spec.table !== 'order') joins.add(spec.table);
    return spec;
  };
  const field = parsed.field ? use(parsed.field) : null;
  const groupBy = parsed.groupBy.map((group) => ({
    name: group.bucket ? `${group.field.name}:${group.bucket}` : group.field.name,
    spec: use(group.field),
    bucket: group.bucket,
  }));
  const filter = parsed.filter.map((condition) => ({
    spec: use(condition.field),
    op: condition.op,
    values: condition.values,
  }));
  return { metric: parsed.metric, field, groupBy, filter, joins };
}

/** A client's question, checked and built: what `summarize` and its CSV run. */
export function parseQuestion(input: QuestionInput): Question {
  return buildQuestion(parseQuestionInput(input));
}
