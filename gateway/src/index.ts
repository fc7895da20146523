export { loadConfig } from './config';
export type { GatewayConfig } from './config';
export { startGateway } from './server';
export { loadSupergraph, SupergraphError } from './supergraph';
export type { LoadedSupergraph, SubgraphEndpoint } from './supergraph';
