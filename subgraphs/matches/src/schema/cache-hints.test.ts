import { FINISHED_MATCH, MATCH_OVER_AFTER_MS, matchCacheHint, UNFINISHED_MATCH } from './cache-hints';

describe("a match's cache hint", () => {
  const kickoff = new Date('2026-08-15T14:00:00Z');
  const at = (offsetMs: number) => matchCacheHint({ kickoff }, kickoff.getTime() + offsetMs);

  it('is short before kick-off and while the match may still be played', () => {
    expect(at(-86_400_000)).toEqual(UNFINISHED_MATCH);
    expect(at(0)).toEqual(UNFINISHED_MATCH);
    expect(at(MATCH_OVER_AFTER_MS - 1)).toEqual(UNFINISHED_MATCH);
  });

  it('is long once the match is over', () => {
    expect(at(MATCH_OVER_AFTER_MS)).toEqual(FINISHED_MATCH);
    expect(at(30 * 86_400_000)).toEqual(FINISHED_MATCH);
  });

  it('is public either way, and the finished one the longer', () => {
    expect([UNFINISHED_MATCH.scope, FINISHED_MATCH.scope]).toEqual(['PUBLIC', 'PUBLIC']);
    expect(UNFINISHED_MATCH.maxAge).toBeGreaterThan(0);
    expect(FINISHED_MATCH.maxAge).toBeGreaterThan(UNFINISHED_MATCH.maxAge);
  });
});
