import { GraphQLError } from 'graphql';
import { MAX_GROUP_BY, parseCents, parseQuestion, type QuestionInput } from './question';

function argumentOf(input: QuestionInput): unknown {
  try {
    parseQuestion(input);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT')
      return error.extensions.argument;
    throw error;
  }
  throw new Error('the question was accepted');
}

describe('parseQuestion', () => {
  it('joins only the tables a question names and converts filter values to storage units', () => {
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

  it.each<[string, QuestionInput, string]>([
    ['an unknown field', { metric: 'SUM', field: 'order.total; drop table shop_order' }, 'field'],
    [
      'a column outside the allow-list',
      { metric: 'COUNT', groupBy: [{ field: 'customer.password' }] },
      'groupBy[0].field',
    ],
    ['SUM of text', { metric: 'SUM', field: 'customer.name' }, 'field'],
    ['a metric without its field', { metric: 'AVG' }, 'field'],
    [
      'a bucket on a text field',
      { metric: 'COUNT', groupBy: [{ field: 'customer.state', bucket: 'week' }] },
      'groupBy[0].bucket',
    ],
    [
      'a time field without a bucket',
      { metric: 'COUNT', groupBy: [{ field: 'order.createdAt' }] },
      'groupBy[0].bucket',
    ],
    [
      'a malformed amount',
      { metric: 'COUNT', filter: [{ field: 'order.total', op: 'EQ', values: ['1e3'] }] },
      'filter[0].values',
    ],
    [
      'two values for EQ',
      { metric: 'COUNT', filter: [{ field: 'customer.state', op: 'EQ', values: ['TX', 'CA'] }] },
      'filter[0].values',
    ],
    [
      'too many groupings',
      {
        metric: 'COUNT',
        groupBy: Array.from({ length: MAX_GROUP_BY + 1 }, () => ({ field: 'customer.state' })),
      },
      'groupBy',
    ],
  ])('refuses %s, naming the argument', (_, input, argument) => {
    expect(argumentOf(input)).toBe(argument);
  });
});

describe('parseCents', () => {
  it('reads decimal amounts exactly', () => {
    expect(parseCents('39.72')).toBe(3972);
    expect(parseCents('6.1')).toBe(610);
    expect(parseCents('110')).toBe(11000);
    expect(parseCents('-0.05')).toBe(-5);
    expect(parseCents('1.234')).toBeUndefined();
    expect(parseCents('')).toBeUndefined();
  });
});
