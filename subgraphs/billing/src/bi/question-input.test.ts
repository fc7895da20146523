import { GraphQLError } from 'graphql';
import { MAX_FILTERS, MAX_GROUP_BY, MAX_IN_VALUES } from './question';
import { parseQuestionInput, type QuestionInput } from './question-input';

/** The extensions of the BAD_USER_INPUT refusal of `input`. */
function refusalOf(input: QuestionInput): Record<string, unknown> {
  try {
    parseQuestionInput(input);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') return error.extensions;
    throw error;
  }
  throw new Error('the question was accepted');
}

describe('parseQuestionInput', () => {
  it('resolves fields against the allow-list and converts filter values to storage units', () => {
    const parsed = parseQuestionInput({
      metric: 'SUM',
      field: 'order.total',
      groupBy: [{ field: 'order.createdAt', bucket: 'week' }],
      filter: [
        { field: 'order.total', op: 'GTE', values: ['10.5'] },
        { field: 'order.createdAt', op: 'LT', values: ['2020-01-01'] },
        { field: 'order.quantity', op: 'IN', values: ['1', '2'] },
        { field: 'customer.state', op: 'EQ', values: ['TX'] },
      ],
    });
    expect(parsed.field).toEqual({ name: 'order.total', spec: expect.objectContaining({ kind: 'money' }) });
    expect(parsed.groupBy).toEqual([
      { field: expect.objectContaining({ name: 'order.createdAt' }), bucket: 'week' },
    ]);
    expect(parsed.filter.map((condition) => condition.values)).toEqual([
      [1050],
      [Date.UTC(2020, 0, 1)],
      [1, 2],
      ['TX'],
    ]);
  });

  it('takes a COUNT without a field, an empty field as none, and no groupings or filters as empty lists', () => {
    expect(parseQuestionInput({ metric: 'COUNT', field: '', groupBy: null })).toEqual({
      metric: 'COUNT',
      field: null,
      groupBy: [],
      filter: [],
    });
  });

  it.each<[string, QuestionInput, Record<string, unknown>]>([
    [
      'an unknown field',
      { metric: 'SUM', field: 'order.total; drop table shop_order' },
      { argument: 'field' },
    ],
    ['an inherited property as a field', { metric: 'MAX', field: 'constructor' }, { argument: 'field' }],
    [
      'a column outside the allow-list',
      { metric: 'COUNT', groupBy: [{ field: 'customer.password' }] },
      { argument: 'groupBy[0].field' },
    ],
    ['SUM of text', { metric: 'SUM', field: 'customer.name' }, { argument: 'field' }],
    ['a metric without its field', { metric: 'AVG' }, { argument: 'field' }],
    ['a metric with an empty field', { metric: 'MIN', field: '' }, { argument: 'field' }],
    [
      'a bucket on a text field',
      { metric: 'COUNT', groupBy: [{ field: 'customer.state', bucket: 'week' }] },
      { argument: 'groupBy[0].bucket' },
    ],
    [
      'a time field without a bucket',
      { metric: 'COUNT', groupBy: [{ field: 'customer.state' }, { field: 'order.createdAt' }] },
      { argument: 'groupBy[1].bucket' },
    ],
    [
      'a malformed amount',
      { metric: 'COUNT', filter: [{ field: 'order.total', op: 'EQ', values: ['1e3'] }] },
      { argument: 'filter[0].values' },
    ],
    [
      'a malformed time',
      { metric: 'COUNT', filter: [{ field: 'order.createdAt', op: 'GT', values: ['soon'] }] },
      { argument: 'filter[0].values' },
    ],
    [
      'two values for EQ',
      { metric: 'COUNT', filter: [{ field: 'customer.state', op: 'EQ', values: ['TX', 'CA'] }] },
      { argument: 'filter[0].values', limit: 1 },
    ],
    [
      'no value for IN',
      { metric: 'COUNT', filter: [{ field: 'customer.state', op: 'IN', values: [] }] },
      { argument: 'filter[0].values', limit: MAX_IN_VALUES },
    ],
    [
      'too many groupings',
      {
        metric: 'COUNT',
        groupBy: Array.from({ length: MAX_GROUP_BY + 1 }, () => ({ field: 'customer.state' })),
      },
      { argument: 'groupBy', limit: MAX_GROUP_BY },
    ],
    [
      'too many filters',
      {
        metric: 'COUNT',
        filter: Array.from({ length: MAX_FILTERS + 1 }, () => ({
          field: 'customer.state',
          op: 'EQ' as const,
          values: ['TX'],
        })),
      },
      { argument: 'filter', limit: MAX_FILTERS },
    ],
  ])('refuses %s, naming the argument and any limit', (_, input, expected) => {
    const refusal = refusalOf(input);
    expect(refusal).toEqual({ ...expected, code: 'BAD_USER_INPUT' });
  });

  it('names the first fault, in the order the question reads', () => {
    expect(
      refusalOf({ metric: 'SUM', field: 'customer.name', groupBy: [{ field: 'customer.password' }] })
        .argument,
    ).toBe('field');
    expect(
      refusalOf({
        metric: 'COUNT',
        groupBy: Array.from({ length: MAX_GROUP_BY + 1 }, () => ({ field: 'customer.password' })),
      }),
    ).toMatchObject({ argument: 'groupBy', limit: MAX_GROUP_BY });
  });
});
