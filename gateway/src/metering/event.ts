/** A usage event as billing's intake takes it: one per operation, allowed or rejected. */
export type Outcome = 'ok' | 'error' | 'rejected';

export interface UsageEvent {
  /** Unique; billing counts an event id once however often it is sent. */
  readonly id: string;
  readonly occurredAt: string;
  readonly partnerId: string;
  readonly keyId: string;
  /** The operation's name, or `anonymous:<sha256 prefix>` for unnamed operations. */
  readonly operation: string;
  readonly subgraphs: readonly string[];
  readonly cost: number;
  readonly durationMs: number;
  readonly outcome: Outcome;
  readonly bytes: number;
  readonly subscriptionMessages: number;
}

/** Who is billed for calls that carry no credentials. */
export const ANONYMOUS_ACCOUNT = 'anonymous';
