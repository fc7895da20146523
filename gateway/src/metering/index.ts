export { ANONYMOUS_ACCOUNT } from './event';
export type { Outcome, UsageEvent } from './event';
export { meteringPlugin } from './plugin';
export { Shipper } from './shipper';
export type { ShipperOptions } from './shipper';
export { Spool } from './spool';
export { MessageMeter } from './messages';
