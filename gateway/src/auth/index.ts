export { authorizeOperation, describeRefusals } from './authorize';
export type { Refusal } from './authorize';
export { authorizationPlugin } from './plugin';
export type { AuthorizationOptions } from './plugin';
export { readAccessPolicies, supergraphForPlanner } from './policies';
export type { AccessPolicies, AccessRule } from './policies';
export { KeyDirectory } from './identity';
export type { Grant, Identification, KeyDirectoryOptions, PlanLimits, RefusalReason } from './identity';
