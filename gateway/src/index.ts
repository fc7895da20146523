export { loadConfig } from './config';
export { loadSupergraph } from './supergraph';
export { EXAMPLE_QUERY } from './examples';
