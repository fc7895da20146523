import { parseCents } from './cents';

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
