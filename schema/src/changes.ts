/**
 * What changed between two versions of the public API, each change classed as a client sees it:
 * breaking (a working operation stops working), dangerous (operations keep validating but may behave
 * differently, e.g. a new enum value or a changed default) or safe. graphql-inspector finds and grades the
 * changes; this module only names the classes the portal's changelog and the schema check use.
 */
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export type ChangeClass = 'breaking' | 'dangerous' | 'safe';

export const CHANGE_CLASSES: readonly ChangeClass[] = ['breaking', 'dangerous', 'safe'];

export interface SchemaChange {
  readonly class: ChangeClass;
  readonly message: string;
  /** Where it happened, e.g. `Query.matches` or `Match.events.first`. */
  readonly path: string | undefined;
  /** Why it is not safe, when graphql-inspector says. */
  readonly reason: string | undefined;
}

const CLASS_OF: Record<CriticalityLevel, ChangeClass> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** Every change from `before` to `after` (both API-schema SDL), breaking ones first, then by path. */
export async function diffApiSchemas(before: string, after: string): Promise<SchemaChange[]> {
  const changes: Change[] = await diff(buildSchema(before), buildSchema(after));
  const rank = (change: SchemaChange) => CHANGE_CLASSES.indexOf(change.class);
  return changes
    .map((change) => ({
      class: CLASS_OF[change.criticality.level],
      message: change.message,
      path: change.path,
      reason: change.criticality.reason,
    }))
    .sort((a, b) => rank(a) - rank(b) || (a.path ?? '').localeCompare(b.path ?? ''));
}
