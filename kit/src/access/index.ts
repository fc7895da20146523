export { authorizeOperation, describeRefusals } from './authorize';
export type { Caller, Refusal } from './authorize';
export { Authenticated, Public, RequiresScopes } from './directives';
export { accessGuardPlugin, createAccessGuard } from './guard';
export type { AccessGuard } from './guard';
export { readAccessPolicies } from './policies';
export type { AccessPolicies, AccessRule } from './policies';
