export { loadConfig } from './config';
export type { GatewayConfig } from './config';
export { startGateway } from './server';
export { loadSupergraph, SupergraphError } from './supergraph';
export type { LoadedSupergraph, SubgraphEndpoint } from './supergraph';
export { EXAMPLE_QUERY, EXPLORER_EXAMPLE_QUERY } from './examples';
