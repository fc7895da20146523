import { parseQuestion } from './question-builder';
import { MAX_SUMMARY_ROWS, shapeSummary } from './summary';

describe('shapeSummary', () => {
  it('labels time buckets and reports amounts in currency units', () => {
    const question = parseQuestion({
      metric: 'SUM',
      field: 'order.total',
      groupBy: [{ field: 'order.createdAt', bucket: 'week' }, { field: 'product.category' }],
    });
    const monday = Date.UTC(2020, 0, 6);
    expect(shapeSummary(question, [{ group: [monday, 'Widget'], value: '3972' }])).toEqual({
      truncated: false,
      rows: [{ group: ['2020-01-06', 'Widget'], value: 39.72 }],
    });
  });

  it('counts as they are, even of amounts, and keeps a missing value missing', () => {
    const question = parseQuestion({ metric: 'COUNT', field: 'order.total' });
    expect(shapeSummary(question, [{ group: [], value: 12 }]).rows).toEqual([{ group: [], value: 12 }]);
    expect(shapeSummary(question, [{ group: [], value: null }]).rows).toEqual([{ group: [], value: null }]);
  });

  it('returns at most MAX_SUMMARY_ROWS groups and says when there were more', () => {
    const question = parseQuestion({ metric: 'COUNT', groupBy: [{ field: 'customer.state' }] });
    const rows = Array.from({ length: MAX_SUMMARY_ROWS + 1 }, (_, index) => ({
      group: [`S${index}`],
      value: 1,
    }));
    const summary = shapeSummary(question, rows);
    expect(summary.truncated).toBe(true);
    expect(summary.rows).toHaveLength(MAX_SUMMARY_ROWS);
  });
});
