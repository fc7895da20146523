export { authorizationStep } from './step';
export { supergraphForPlanner } from './planner';
export { KeyDirectory } from './identity';
export { KeyChangeFeed } from './key-changes';
export { SessionDirectory } from './sessions';
