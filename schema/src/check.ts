/**
 * The schema check: the public API about to ship against the latest release in `schema/history/`. A breaking
 * change fails it, because partners' working operations would stop working. A break that is meant ships as a
 * new major version (a new minor one while the major is 0), recorded with `npm run schema:snapshot`, which
 * refuses to record breaking changes under a smaller step.
 */
import { CHANGE_CLASSES, diffApiSchemas, type SchemaChange } from './changes';
import { readReleases, type Release } from './history';

export interface SchemaCheck {
  /** The release compared against; undefined before the first one. */
  readonly baseline: Release | undefined;
  readonly changes: readonly SchemaChange[];
  readonly breaking: readonly SchemaChange[];
}

/** Compares `apiSdl` (the public API schema) with the latest of `releases`. */
export async function checkApiSchema(
  apiSdl: string,
  releases: readonly Release[] = readReleases(),
): Promise<SchemaCheck> {
  const baseline = releases.at(-1);
  const changes = baseline ? await diffApiSchemas(baseline.sdl, apiSdl) : [];
  return { baseline, changes, breaking: changes.filter((change) => change.class === 'breaking') };
}

/** Whether going from version `from` to `to` may break clients: a new major, or a new minor before 1.0.0. */
export function versionMayBreak(from: string, to: string): boolean {
  const [fromMajor, fromMinor] = from.split('.').map(Number);
  const [toMajor, toMinor] = to.split('.').map(Number);
  if (toMajor! > fromMajor!) return true;
  return fromMajor === 0 && toMajor === 0 && toMinor! > fromMinor!;
}

/** The smallest version after `from` that may break clients. */
export function nextBreakingVersion(from: string): string {
  const [major, minor] = from.split('.').map(Number);
  return major === 0 ? `0.${minor! + 1}.0` : `${major! + 1}.0.0`;
}

/** "44 changes: 0 breaking, 1 dangerous, 43 safe" */
export function countChanges(changes: readonly SchemaChange[]): string {
  const counts = CHANGE_CLASSES.map((kind) => `${changes.filter((c) => c.class === kind).length} ${kind}`);
  return `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}: ${counts.join(', ')}`;
}
