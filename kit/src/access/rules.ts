/**
 * The access rules without the machinery that enforces them in a subgraph: what a caller may run
 * (`authorizeOperation`) and the policies read from a schema's directives. The gateway checks operations
 * with these alone, so it loads neither type-graphql nor the subgraph guard (`@meridian/kit/access`).
 */
export { authorizeOperation, describeRefusals } from './authorize';
export type { Refusal } from './authorize';
export { readAccessPolicies } from './policies';
export type { AccessPolicies } from './policies';
