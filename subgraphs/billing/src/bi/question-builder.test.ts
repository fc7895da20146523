import { buildQuestion, parseQuestion } from './question-builder';
import { parseQuestionInput } from './question-input';

describe('buildQuestion', () => {
  it('joins only the tables a question names and names each grouping as the answer shows it', () => {
    const question = parseQuestion({
      metric: 'SUM',
      field: 'order.total',
      groupBy: [{ field: 'product.category' }, { field: 'order.createdAt', bucket: 'week' }],
      filter: [
        { field: 'order.total', op: 'GTE', values: ['10.5'] },
        { field: 'order.createdAt', op: 'LT', values: ['2020-01-01'] },
      ],
    });
    expect([...question.joins]).toEqual(['product']);
    expect(question.filter.map((condition) => condition.values[0])).toEqual([1050, Date.UTC(2020, 0, 1)]);
    expect(question.groupBy.map((group) => group.name)).toEqual(['product.category', 'order.createdAt:week']);
  });

  it('joins the customer for a filter on it, and nothing for a question of orders alone', () => {
    const joined = buildQuestion(
      parseQuestionInput({
        metric: 'COUNT',
        filter: [{ field: 'customer.state', op: 'IN', values: ['TX', 'CA'] }],
      }),
    );
    expect([...joined.joins]).toEqual(['customer']);
    expect(buildQuestion(parseQuestionInput({ metric: 'COUNT' }))).toEqual({
      metric: 'COUNT',
      field: null,
      groupBy: [],
      filter: [],
      joins: new Set(),
    });
  });
});
