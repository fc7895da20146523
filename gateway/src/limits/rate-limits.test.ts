import { RateLimits } from './rate-limits';

describe('in-memory rate limits', () => {
  it('keeps counting a monthly quota across calls', async () => {
    const limits = new RateLimits('test:');
    const now = new Date('2026-11-26T12:00:00Z');
    const first = await limits.takeMonthly('par_1', 2, 'quota', now);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await limits.takeMonthly('par_1', 2, 'quota', now);
    const third = await limits.takeMonthly('par_1', 2, 'quota', now);
    expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
    expect(second.state.remaining).toBe(0);
  });

  it("keeps the portal's allowance apart from the quota", async () => {
    const limits = new RateLimits('test:');
    const now = new Date('2026-11-26T12:00:00Z');
    expect((await limits.takeMonthly('par_1', 1, 'portal', now)).allowed).toBe(true);
    expect((await limits.takeMonthly('par_1', 1, 'portal', now)).allowed).toBe(false);
    const quota = await limits.takeMonthly('par_1', 5, 'quota', now);
    expect(quota.state.remaining).toBe(4);
  });
});
