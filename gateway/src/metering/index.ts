export { ANONYMOUS_ACCOUNT, outcomeOf } from './event';
export { createMetering } from './plugin';
export { Shipper } from './shipper';
export { Spool } from './spool';
export { MessageMeter } from './messages';
