/** The public API's tooling: its printed form, its releases, and the diff and check between them. */
export { apiSchemaOf, printApiSchema } from './api-schema';
export { CHANGE_CLASSES, diffApiSchemas } from './changes';
export type { ChangeClass, SchemaChange } from './changes';
export { compareVersions, HISTORY_DIR, isVersion, readReleases, snapshotText } from './history';
export type { Release } from './history';
export { checkApiSchema, countChanges, nextBreakingVersion, versionMayBreak } from './check';
