export { authorizeOperation, describeRefusals } from './authorize';
export type { Refusal } from './authorize';
export { authorizationPlugin } from './plugin';
export { readAccessPolicies, supergraphForPlanner } from './policies';
export type { AccessPolicies, AccessRule } from './policies';
