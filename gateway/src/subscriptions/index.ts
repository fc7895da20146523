export { SubscriptionPlanner } from './planner';
export type { SubscriptionPlan } from './planner';
export { DROPPABLE_FIELDS, SubscriptionService } from './service';
export type { SubscriptionServiceOptions } from './service';
export { Subscriber } from './subscriber';
