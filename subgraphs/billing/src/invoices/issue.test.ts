import { checkParty, normaliseVatId } from './parties';
import { checkPayment, isCalendarDay } from './payments';
import { dueDate, isOverdue, periodEnded } from './issue';

describe('issuing rules', () => {
  it('lets a month be issued only once it has ended', () => {
    expect(periodEnded('2026-11', new Date('2026-11-30T23:59:59Z'))).toBe(false);
    expect(periodEnded('2026-11', new Date('2026-12-01T00:00:00Z'))).toBe(true);
    expect(periodEnded('2027-01', new Date('2026-12-05T00:00:00Z'))).toBe(false);
  });

  it('dates the due day from the issue day and the terms, across months and years', () => {
    expect(dueDate(new Date('2026-12-05T18:30:00Z'), 30)).toBe('2027-01-04');
    expect(dueDate(new Date('2026-02-01T00:00:00Z'), 0)).toBe('2026-02-01');
  });

  it('calls an issued invoice overdue the day after its due date, never a paid one or a draft', () => {
    const at = new Date('2026-12-05T09:00:00Z');
    expect(isOverdue({ status: 'issued', dueOn: '2026-12-05' }, at)).toBe(false);
    expect(isOverdue({ status: 'issued', dueOn: '2026-12-04' }, at)).toBe(true);
    expect(isOverdue({ status: 'paid', dueOn: '2026-12-04' }, at)).toBe(false);
    expect(isOverdue({ status: 'draft', dueOn: null }, at)).toBe(false);
  });
});

describe('billing profiles', () => {
  const valid = {
    name: ' Acme Data GmbH ',
    addressLines: ['Hauptstraße 1', '', '10115 Berlin'],
    country: 'de',
    vatId: 'de 123.456-789',
    email: 'billing@acme.example',
  };

  it('trims, drops blank lines and normalises the country and VAT id', () => {
    expect(checkParty(valid)).toEqual({
      ok: true,
      party: {
        name: 'Acme Data GmbH',
        addressLines: ['Hauptstraße 1', '10115 Berlin'],
        country: 'DE',
        vatId: 'DE123456789',
        email: 'billing@acme.example',
      },
    });
    expect(normaliseVatId('  ')).toBeNull();
  });

  it.each([
    ['name', { name: '' }],
    ['name', { name: 'x'.repeat(201) }],
    ['addressLines', { addressLines: [] }],
    ['addressLines', { addressLines: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }],
    ['addressLines', { addressLines: ['x'.repeat(101)] }],
    ['country', { country: 'Germany' }],
    ['vatId', { vatId: '+49 30 1234567' }],
    ['vatId', { vatId: 'DE1' }],
    ['email', { email: 'not-an-address' }],
  ])('refuses a wrong %s', (field, change) => {
    expect(checkParty({ ...valid, ...change })).toMatchObject({ ok: false, field });
  });
});

describe('payments', () => {
  const payment = { amountCents: 500, paidOn: '2026-12-01', reference: ' TRF 1 ' };

  it('takes a payment up to what is due, trimming the reference', () => {
    expect(checkPayment(payment, 500, '2026-12-05')).toEqual({
      ok: true,
      payment: { ...payment, reference: 'TRF 1' },
    });
  });

  it.each([
    ['amountCents', { amountCents: 0 }],
    ['amountCents', { amountCents: -100 }],
    ['amountCents', { amountCents: 1.5 }],
    ['amountCents', { amountCents: 501 }],
    ['amountCents', { amountCents: Number.MAX_SAFE_INTEGER + 2 }],
    ['paidOn', { paidOn: '2026-02-30' }],
    ['paidOn', { paidOn: '1 Dec 2026' }],
    ['paidOn', { paidOn: '2026-12-06' }],
    ['reference', { reference: '  ' }],
    ['reference', { reference: 'x'.repeat(141) }],
  ])('refuses a wrong %s', (argument, change) => {
    expect(checkPayment({ ...payment, ...change }, 500, '2026-12-05')).toMatchObject({ ok: false, argument });
  });

  it('knows a calendar day', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
  });
});
