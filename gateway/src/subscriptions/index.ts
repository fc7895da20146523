export { SubscriptionPlanner } from './planner';
export { SubscriptionService } from './service';
