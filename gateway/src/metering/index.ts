export { ANONYMOUS_ACCOUNT, outcomeOf } from './event';
export type { Outcome, UsageEvent } from './event';
export { createMetering } from './plugin';
export type { Metering } from './plugin';
export { Shipper } from './shipper';
export type { ShipperOptions } from './shipper';
export { Spool } from './spool';
export { MessageMeter } from './messages';
