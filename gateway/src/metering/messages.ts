/**
 * Metering of subscription messages: every message delivered to a client counts, gathered per caller and
 * operation and written to the spool as one usage event per interval, rather than an event per message.
 */
import { randomUUID } from 'node:crypto';
import type { GatewayContext } from '../request';
import { ANONYMOUS_ACCOUNT } from './event';
import type { Spool } from './spool';

interface Tally {
  readonly context: GatewayContext;
  readonly operation: string;
  messages: number;
}

export class MessageMeter {
  private readonly tallies = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly spool: Spool,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  count(context: GatewayContext, operationName: string | undefined, messages = 1): void {
    const operation = operationName ?? 'subscription';
    const key = `${context.principal.keyId ?? context.principal.userId ?? ANONYMOUS_ACCOUNT}\u0000${operation}`;
    const tally = this.tallies.get(key) ?? { context, operation, messages: 0 };
    tally.messages += messages;
    this.tallies.set(key, tally);
  }

  flush(): void {
    for (const { context, operation, messages } of this.tallies.values()) {
      this.spool.append({
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        partnerId: context.principal.partnerId ?? ANONYMOUS_ACCOUNT,
        keyId: context.principal.keyId ?? ANONYMOUS_ACCOUNT,
        operation,
        subgraphs: [],
        cost: 0,
        durationMs: 0,
        outcome: 'ok',
        bytes: 0,
        subscriptionMessages: messages,
        // Messages are charged to keys; a subscription held by the portal's own pages is not.
        billable: context.principal.keyId !== undefined,
        requestId: null,
        status: 200,
        errorCode: null,
      });
    }
    this.tallies.clear();
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
