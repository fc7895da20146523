export { readAccessPolicies } from './rules';
export { Authenticated, Public, RequiresScopes } from './directives';
export { accessGuardPlugin, createAccessGuard } from './guard';
