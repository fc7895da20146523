/**
 * When each API key was last used, kept in memory and written in batches: a busy key costs no write per
 * request, and the times reach the store every few seconds and when the service stops.
 */
import type { BillingStore } from '../store';

/** How often the `last used` times gathered in memory are written. */
const LAST_USED_FLUSH_MS = 5_000;

/** Remembers when keys were last used and writes them all at once, every few seconds and on close. */
export class LastUsedRecorder {
  private pending = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Pick<BillingStore, 'touchKeys'>,
    intervalMs = LAST_USED_FLUSH_MS,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  record(keyId: string, at: Date): void {
    const seen = this.pending.get(keyId);
    if (!seen || seen < at) this.pending.set(keyId, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    await this.store.touchKeys(batch);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
