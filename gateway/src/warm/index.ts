export { openConnections } from './connections';
export { EXAMPLE_OPERATIONS, warmStartPlugin } from './plugin';
export type { WarmStartOptions, WarmStartSettings } from './plugin';
export { openPlanStore, planKey, PlanStoreUnavailable, queryHashOf } from './plan-store';
export type { GatewayPlanStore } from './plan-store';
export { planOperations } from './warm-start';
export type { WarmLimits, WarmOperation, WarmReport } from './warm-start';
