import { monthPeriods, startOfWeek, weekPeriods } from './business';

const at = (iso: string) => new Date(iso);

describe('the business dashboards’ periods', () => {
  it('starts weeks on Monday and ends the one in progress now, flagged partial', () => {
    const now = at('2026-12-05T10:30:00Z');
    expect(startOfWeek(now).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    const weeks = weekPeriods(now, 3);
    expect(weeks.map((week) => [week.start.toISOString().slice(0, 10), week.partial])).toEqual([
      ['2026-11-16', false],
      ['2026-11-23', false],
      ['2026-11-30', true],
    ]);
    expect(weeks[1]!.end.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weeks[2]!.end).toEqual(now);
  });

  it('walks calendar months across a year end', () => {
    const months = monthPeriods(at('2027-01-02T00:00:00Z'), 3);
    expect(months.map((month) => [month.start.toISOString().slice(0, 7), month.partial])).toEqual([
      ['2026-11', false],
      ['2026-12', false],
      ['2027-01', true],
    ]);
    expect(months[1]!.end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
