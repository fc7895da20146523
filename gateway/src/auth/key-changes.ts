/**
 * The gateway's ear on billing's key changes: a server-sent-event stream of revocations, rolls, key settings,
 * plan changes and safelist changes. Each change drops the matching cached grants (or the partner's cached
 * safelist) at once; whenever the stream (re)connects, every cache is dropped, since changes may have been
 * missed while it was down.
 */
import type { Logger } from '@meridian/kit';
import type { KeyDirectory } from './identity';

/** What else the feed keeps fresh besides the key cache. */
export interface PartnerCache {
  forget(partnerId: string): void;
  forgetAll(): void;
}

/** The kind billing announces when a partner's safelist changed; key grants stay valid. */
export const SAFELIST_CHANGED = 'safelist-changed';

export interface KeyChange {
  readonly kind: string;
  readonly keyId?: string;
  readonly partnerId?: string;
}

/** Longest wait between reconnection attempts. */
const MAX_BACKOFF_MS = 10_000;
const FIRST_BACKOFF_MS = 200;

export class KeyChangeFeed {
  private readonly abort = new AbortController();
  private backoff = FIRST_BACKOFF_MS;
  /** Told after each change of keys, partners or plans has been applied to the caches. */
  readonly listeners: (() => void)[] = [];
  private connectedOnce: () => void = () => undefined;
  /** Resolves when the feed has connected once; lets tests and start-up wait for it. */
  readonly connected = new Promise<void>((resolve) => (this.connectedOnce = resolve));

  constructor(
    private readonly url: string,
    private readonly internalToken: string,
    private readonly keys: KeyDirectory,
    private readonly logger: Logger,
    private readonly safelists?: PartnerCache,
    /** Portal sessions, whose grants carry the partner's plan and standing too. */
    private readonly sessions?: PartnerCache,
  ) {}

  start(): void {
    void this.run();
  }

  close(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.listen();
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.debug({ err: error }, 'key change feed interrupted');
      }
      await new Promise((resolve) => setTimeout(resolve, this.backoff).unref());
      this.backoff = Math.min(MAX_BACKOFF_MS, this.backoff * 2);
    }
  }

  private async listen(): Promise<void> {
    const response = await fetch(this.url, {
      headers: { 'x-meridian-internal-token': this.internalToken, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`key change feed answered ${response.status}`);
    this.keys.forgetAll();
    this.safelists?.forgetAll();
    this.sessions?.forgetAll();
    this.backoff = FIRST_BACKOFF_MS;
    this.connectedOnce();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    let buffer = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of event.split('\n')) {
          if (line.startsWith('data: ')) this.apply(JSON.parse(line.slice(6)) as KeyChange);
        }
      }
    }
  }

  private apply(change: KeyChange): void {
    if (change.kind === SAFELIST_CHANGED) {
      if (change.partnerId) this.safelists?.forget(change.partnerId);
      else this.safelists?.forgetAll();
      this.logger.debug({ change }, 'safelist change');
      return;
    }
    if (change.partnerId) this.sessions?.forget(change.partnerId);
    else this.sessions?.forgetAll();
    // A reactivated partner's keys are cached as refusals, which name no partner: forget them all.
    const dropped =
      change.kind !== 'reactivated' && (change.keyId || change.partnerId)
        ? this.keys.forget({ keyId: change.keyId, partnerId: change.partnerId })
        : (this.keys.forgetAll(), -1);
    this.logger.debug({ change, dropped }, 'key change');
    for (const listener of this.listeners) listener();
  }
}
