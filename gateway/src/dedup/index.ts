export { identityKey, variablesKey } from './identity';
export { InFlight } from './in-flight';
export { deduplicationPlugin } from './plugin';
