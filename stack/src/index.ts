export { EXAMPLE_QUERY } from './example';
export { ServiceStartError } from './process';
export { serviceEntries, subgraphNames } from './services';
export type { SubgraphName } from './services';
export { startStack } from './stack';
export type { Stack, StackOptions } from './stack';
export { freePort, startCluster } from './cluster';
export type { Cluster } from './cluster';
