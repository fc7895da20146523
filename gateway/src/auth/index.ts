export { authorizationStep } from './step';
export type { AuthorizationOptions } from './step';
export { supergraphForPlanner } from './planner';
export { KeyDirectory } from './identity';
export type { Grant, Identification, KeyDirectoryOptions, PlanLimits, RefusalReason } from './identity';
export { KeyChangeFeed, SAFELIST_CHANGED } from './key-changes';
export type { KeyChange, PartnerCache } from './key-changes';
export { SessionDirectory } from './sessions';
export type { SessionCheck, SessionDirectoryOptions, SessionGrant } from './sessions';
