export { authorizeOperation, describeRefusals, readAccessPolicies } from './rules';
export type { AccessPolicies, AccessRule, Caller, Refusal } from './rules';
export { Authenticated, Public, RequiresScopes } from './directives';
export { accessGuardPlugin, createAccessGuard } from './guard';
export type { AccessGuard } from './guard';
