import { checkApiSchema, countChanges, nextBreakingVersion, versionMayBreak } from './check';
import type { Release } from './history';

const RELEASED = 'type Query { match(id: ID!): Match }\ntype Match { id: ID!, venue: String! }\n';
const releases = (...versions: string[]): Release[] =>
  versions.map((version) => ({ version, released: '2026-01-01', sdl: RELEASED }));

describe('the schema check', () => {
  it('compares with the latest release and singles out the breaking changes', async () => {
    const removed = 'type Query { match(id: ID!): Match }\ntype Match { id: ID!, attendance: Int }\n';
    const check = await checkApiSchema(removed, releases('0.1.0', '0.2.0'));
    expect(check.baseline?.version).toBe('0.2.0');
    expect(check.breaking.map((change) => change.path)).toEqual(['Match.venue']);
    expect(check.changes.map((change) => [change.class, change.path])).toEqual([
      ['breaking', 'Match.venue'],
      ['safe', 'Match.attendance'],
    ]);
    expect(countChanges(check.changes)).toBe('2 changes: 1 breaking, 0 dangerous, 1 safe');
  });

  it('passes an API equal to the release, and anything before the first release', async () => {
    expect(await checkApiSchema(RELEASED, releases('1.0.0'))).toMatchObject({ changes: [], breaking: [] });
    expect(await checkApiSchema(RELEASED, [])).toEqual({ baseline: undefined, changes: [], breaking: [] });
  });

  it('lets a new major version break clients, and a new minor one only while the major is 0', () => {
    expect(versionMayBreak('1.4.2', '2.0.0')).toBe(true);
    expect(versionMayBreak('1.4.2', '1.5.0')).toBe(false);
    expect(versionMayBreak('1.4.2', '1.4.3')).toBe(false);
    expect(versionMayBreak('0.1.0', '0.2.0')).toBe(true);
    expect(versionMayBreak('0.1.0', '0.1.1')).toBe(false);
    expect(versionMayBreak('0.9.0', '1.0.0')).toBe(true);
    expect(nextBreakingVersion('0.1.3')).toBe('0.2.0');
    expect(nextBreakingVersion('2.3.1')).toBe('3.0.0');
  });
});
