import { inertCell, summaryCsv } from './csv';

describe('CSV answers', () => {
  it('quotes as RFC 4180 asks and keeps numbers as numbers', () => {
    expect(
      summaryCsv(['product.category', 'SUM(order.total)'], [{ group: ['Widget, large'], value: -12.5 }]),
    ).toBe('product.category,SUM(order.total)\r\n"Widget, large",-12.5\r\n');
  });

  it('makes text a spreadsheet would run as a formula inert', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(inertCell(text)).toBe(`'${text}`);
    expect(inertCell('Widget')).toBe('Widget');
    expect(summaryCsv(['customer.name', 'COUNT'], [{ group: ['=HYPERLINK("x")'], value: 3 }])).toBe(
      'customer.name,COUNT\r\n"\'=HYPERLINK(""x"")",3\r\n',
    );
  });
});
