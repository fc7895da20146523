export { actualCost, estimateCost, MUTATION_BASE_COST, readCostDirectives } from './cost';
export type { CostDirectives, CostInput, ListSize } from './cost';
export { checkOperationLimits, measureOperation } from './operation-limits';
export type { LimitViolation, OperationLimits, OperationShape } from './operation-limits';
export { limitsPlugin } from './plugin';
export type { CostExtension, LimitsOptions } from './plugin';
