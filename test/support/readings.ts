/**
 * NDJSON engine readings for bulk-ingest tests: one sensor of the demo engine, each reading 10 ms after the
 * one before, so every batch is newer than everything telemetry holds. The engine is Blue Horizon Airways'
 * (`cus_0004`): only keys of partners linked to that customer (the demo key's among them) may write it.
 */
export class ReadingClock {
  private time = 0;

  /** Starts the readings a second from now: after the seeded history, and well inside how far ahead they may be. */
  start(): void {
    this.time = Date.now() + 1_000;
  }

  /** The time `offsetMs` after the last reading given out, as ISO text: the end of a window that holds them. */
  isoAt(offsetMs: number): string {
    return new Date(this.time + offsetMs).toISOString();
  }

  /** The same readings as a GraphQL `ReadingBatchInput`. */
  batch(idempotencyKey: string, count: number) {
    return {
      idempotencyKey,
      engine: 'eng_0001_1',
      readings: Array.from({ length: count }, (_, i) => ({
        sensor: 'T30',
        time: new Date((this.time += 10)).toISOString(),
        value: 1590 + (i % 10),
      })),
    };
  }

  ndjson(count: number): string {
    return Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        engine: 'eng_0001_1',
        sensor: 'T30',
        time: new Date((this.time += 10)).toISOString(),
        value: 1590 + (i % 10),
      }),
    ).join('\n');
  }
}
