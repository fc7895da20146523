/**
 * The gateway's ear on billing's key changes: a server-sent-event stream of revocations, rolls, key settings,
 * plan changes and safelist changes. Each change drops the matching cached grants (or the partner's cached
 * safelist) at once; whenever the stream (re)connects, every cache is dropped, since changes may have been
 * missed while it was down.
 */
import { KeyChangeSchema, type KeyChange } from '@meridian/contracts';
import type { Logger } from '@meridian/kit/log';
import { EventStream } from '../events';
import type { KeyDirectory } from './identity';

/** What else the feed keeps fresh besides the key cache. */
export interface PartnerCache {
  forget(partnerId: string): void;
  forgetAll(): void;
}

/** The kind billing announces when a partner's safelist changed; key grants stay valid. */
const SAFELIST_CHANGED = 'safelist-changed';

export type { KeyChange };

export class KeyChangeFeed {
  private readonly stream: EventStream;
  /** Told after each change of keys, partners or plans has been applied to the caches. */
  readonly listeners: (() => void)[] = [];
  /** Resolves when the feed has connected once; lets tests and start-up wait for it. */
  readonly connected: Promise<void>;

  constructor(
    url: string,
    internalToken: string,
    private readonly keys: KeyDirectory,
    private readonly logger: Logger,
    private readonly safelists?: PartnerCache,
    /** Portal sessions, whose grants carry the partner's plan and standing too. */
    private readonly sessions?: PartnerCache,
  ) {
    this.stream = new EventStream({
      url,
      internalToken,
      logger,
      onEvent: (event) => {
        const change = KeyChangeSchema.safeParse(event);
        if (change.success) return this.apply(change.data);
        // A change this gateway cannot read still makes everything it cached suspect.
        this.logger.warn({ event }, 'unreadable key change: every cached grant dropped');
        this.forgetAll();
        for (const listener of this.listeners) listener();
      },
      // Changes may have been missed while the feed was down.
      onConnected: () => this.forgetAll(),
    });
    this.connected = this.stream.connected;
  }

  start(): void {
    this.stream.start();
  }

  close(): void {
    this.stream.close();
  }

  private forgetAll(): void {
    this.keys.forgetAll();
    this.safelists?.forgetAll();
    this.sessions?.forgetAll();
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
