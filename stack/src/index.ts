export { EXAMPLE_QUERY, exampleCurl } from './example';
export { ServiceStartError } from './process';
export { serviceEntries, subgraphNames } from './services';
export type { ServiceName, SubgraphName } from './services';
export { DEFAULT_READY_TIMEOUT_MS, DEFAULT_STOP_TIMEOUT_MS, startStack } from './stack';
export type { Stack, StackOptions } from './stack';
export {
  checkPrerequisites,
  ClusterPrerequisiteError,
  freePort,
  REPLICAS,
  startCluster,
  waitFor,
} from './cluster';
export type { Cluster, ClusterOptions } from './cluster';
