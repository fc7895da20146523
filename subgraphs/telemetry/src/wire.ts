/**
 * How readings travel to the bulk ingest door, for senders (the benchmarks, the tests, a partner's own
 * tooling written in TypeScript): the two content types it accepts and the binary frame's encoder.
 */
export { encodeBinaryFrame } from './ingest/binary';

/** One JSON reading per line. */
export const NDJSON_TYPE = 'application/x-ndjson';
/** Meridian's binary frames (`encodeBinaryFrame`). */
export const BINARY_TYPE = 'application/vnd.meridian.readings';
