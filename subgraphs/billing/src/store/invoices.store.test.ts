import { formatInvoiceNumber } from './invoices.store';

describe('invoice numbers', () => {
  it('numbers with four digits at least', () => {
    expect(formatInvoiceNumber('MER', 2026, 1)).toBe('MER-2026-0001');
    expect(formatInvoiceNumber('MER', 2026, 12345)).toBe('MER-2026-12345');
  });
});
