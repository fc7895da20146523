export { openConnections } from './connections';
export { warmStartPlugin } from './plugin';
export type { WarmStartSettings } from './plugin';
