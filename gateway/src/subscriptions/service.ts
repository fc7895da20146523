/**
 * Federated subscriptions at the gateway: the websocket door of the edge pipeline. Each client subscription
 * passes the same pipeline as an HTTP operation (with the caller identified afresh, so a connection opened
 * before a revocation gains nothing by it), then joins the shared upstream subscription for its operation,
 * variables and caller (creating it when it is the first). Concurrent subscriptions are capped per principal
 * by the plan.
 *
 * Access is re-checked while a subscription lasts: every `accessRecheckMs` and whenever billing announces a
 * change, each open subscription's credentials are identified again and its operation authorized again. One
 * that no longer passes ends with the coded refusal, and a connection left with nothing open is closed with
 * the matching close code.
 */
import { createHash } from 'node:crypto';
import type { ServiceMap } from '@apollo/gateway';
import type { SubscriptionChannel } from '@meridian/kit/http';
import type { Logger } from '@meridian/kit/log';
import { closeCodeOf, codeOf } from '@meridian/kit/refusals';
import { codedError } from '@meridian/schema';
import {
  getOperationAST,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type OperationDefinitionNode,
} from 'graphql';
import type { Caller, GatewayContext } from '../request';
import { rateSubject } from '../limits';
import type { EdgePipeline } from '../pipeline';
import type { SubscriptionPlanner } from './planner';
import { SharedSubscription } from './shared';
import { Subscriber } from './subscriber';

/** Root fields whose events may be skipped for a slow client (the next one supersedes them). */
const DROPPABLE_FIELDS = new Set(['matchFrames', 'sensorReadings']);

/** How often delivered messages are handed to metering, counted per client in between. */
const DELIVERY_REPORT_MS = 1_000;

export interface SubscriptionServiceOptions {
  readonly planner: SubscriptionPlanner;
  readonly services: ServiceMap;
  readonly subgraphUrls: ReadonlyMap<string, string>;
  readonly principalSecret: string;
  /** Every rule of the edge, as for HTTP. */
  readonly pipeline: EdgePipeline;
  /** The rules of access alone (safelist, authorization), run again while a subscription lasts. */
  readonly access: EdgePipeline;
  /** Identifies a caller again from the credentials it presented; throws a coded refusal. */
  readonly identify: (caller: Caller) => Promise<GatewayContext>;
  readonly accessRecheckMs: number;
  /** Bytes that may wait in the gateway for one client connection before it counts as slow. */
  readonly clientBufferBytes: number;
  /** Concurrent subscriptions of a caller without a plan (anonymous). */
  readonly anonymousConcurrency: number;
  /** Told of the messages delivered to each client, for metering: every second, and when it leaves. */
  readonly onDelivered: (
    context: GatewayContext,
    operationName: string | undefined,
    messages: number,
  ) => void;
  readonly logger: Logger;
}

/** What an open subscription was granted with, to check it again. */
/** How long an admitted subscription's slot waits for graphql-ws to subscribe before it is given back. */
const UNTAKEN_SLOT_MS = 10_000;

/** One of a caller's concurrent subscriptions, counted from its check until it ends. */
interface Slot {
  readonly subject: string;
  /** Counted in `active`. */
  held: boolean;
  /** Subscribed: the subscription owns the slot and gives it back when it ends. */
  taken: boolean;
}

interface OpenSubscription {
  readonly context: GatewayContext;
  readonly args: ExecutionArgs;
  readonly operation: OperationDefinitionNode;
  readonly queryHash: string;
  readonly socket: SubscriptionChannel['socket'];
}

export class SubscriptionService {
  private readonly shared = new Map<string, SharedSubscription>();
  private readonly active = new Map<string, number>();
  private readonly reports = new Map<Subscriber, () => void>();
  private readonly reporting: NodeJS.Timeout;
  private readonly rechecking: NodeJS.Timeout;
  /** The context and text each checked operation was admitted with, and the slot it holds, until it subscribes. */
  private readonly admitted = new WeakMap<
    ExecutionArgs,
    { context: GatewayContext; queryHash: string; slot: Slot }
  >();
  private readonly open = new Map<Subscriber, OpenSubscription>();
  private recheckRunning: Promise<void> | undefined;

  constructor(private readonly options: SubscriptionServiceOptions) {
    this.reporting = setInterval(() => {
      for (const report of this.reports.values()) report();
    }, DELIVERY_REPORT_MS);
    this.reporting.unref();
    this.rechecking = setInterval(() => void this.recheck(), options.accessRecheckMs);
    this.rechecking.unref();
  }

  /** Subscriptions open now, and upstream subscriptions serving them. */
  get counts(): { readonly clients: number; readonly upstreams: number } {
    let clients = 0;
    for (const shared of this.shared.values()) clients += shared.size;
    return { clients, upstreams: this.shared.size };
  }

  /** The checks an operation must pass before it may subscribe; errors refuse it. */
  async check(args: ExecutionArgs, source: { readonly query: string }): Promise<readonly GraphQLError[]> {
    const connection = args.contextValue as GatewayContext;
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return [codedError('OPERATION_RESOLUTION_FAILURE', 'name the operation to run')];
    if (operation.operation !== 'subscription') {
      return [
        codedError('BAD_REQUEST', 'send queries and mutations over HTTP; this socket runs subscriptions'),
      ];
    }
    const queryHash = createHash('sha256').update(source.query).digest('hex');
    let context: GatewayContext;
    try {
      // Identified afresh for each subscription, with a ledger of its own.
      context = connection.caller ? await this.options.identify(connection.caller) : connection;
      await this.options.pipeline.run({
        door: 'websocket',
        context,
        schema: this.options.planner.apiGraphQLSchema,
        document: args.document,
        operation,
        variables: (args.variableValues ?? {}) as Record<string, unknown>,
        queryHash,
        fromSafelist: false,
      });
    } catch (error) {
      if (codeOf(error)) return [error as GraphQLError];
      throw error;
    }
    const allowed = context.plan?.concurrentSubscriptions ?? this.options.anonymousConcurrency;
    const subject = rateSubject(context);
    const open = this.active.get(subject) ?? 0;
    if (open >= allowed) {
      return [
        codedError('RATE_LIMITED', `at most ${allowed} concurrent subscriptions; close one first`, {
          limit: 'subscriptions',
          maximum: allowed,
        }),
      ];
    }
    // The slot is taken in the same turn as the count was read, before `subscribe` runs: the other checks of a
    // burst of subscribe messages see it, instead of all passing on the same count.
    const slot: Slot = { subject, held: false, taken: false };
    this.hold(slot);
    // graphql-ws subscribes right after an admitted check; a slot it never takes is given back.
    setTimeout(() => {
      if (!slot.taken) this.release(slot);
    }, UNTAKEN_SLOT_MS).unref();
    this.admitted.set(args, { context, queryHash, slot });
    return [];
  }

  /** Counts a subscription's slot, once. */
  private hold(slot: Slot): void {
    if (slot.held) return;
    slot.held = true;
    this.active.set(slot.subject, (this.active.get(slot.subject) ?? 0) + 1);
  }

  /** Gives a subscription's slot back, once. */
  private release(slot: Slot): void {
    if (!slot.held) return;
    slot.held = false;
    const left = (this.active.get(slot.subject) ?? 1) - 1;
    if (left > 0) this.active.set(slot.subject, left);
    else this.active.delete(slot.subject);
  }

  /**
   * Checks every open subscription's access again; called on a timer and when billing announces a change.
   * Runs one at a time; the credentials of one connection are identified once per round.
   */
  recheck(): Promise<void> {
    this.recheckRunning ??= this.recheckAll().finally(() => (this.recheckRunning = undefined));
    return this.recheckRunning;
  }

  private async recheckAll(): Promise<void> {
    const identities = new Map<Caller, Promise<GatewayContext>>();
    for (const [subscriber, open] of [...this.open]) {
      const { caller } = open.context;
      if (!caller || !subscriber.active) continue;
      let identity = identities.get(caller);
      if (!identity) {
        identity = this.options.identify(caller);
        identities.set(caller, identity);
      }
      try {
        const context = await identity;
        await this.options.access.run({
          door: 'websocket',
          context,
          schema: this.options.planner.apiGraphQLSchema,
          document: open.args.document,
          operation: open.operation,
          variables: (open.args.variableValues ?? {}) as Record<string, unknown>,
          queryHash: open.queryHash,
          fromSafelist: false,
        });
      } catch (error) {
        const code = codeOf(error);
        // A billing that cannot answer right now withdraws nothing.
        if (!code || code === 'SERVICE_UNAVAILABLE') continue;
        this.withdraw(subscriber, open, error);
      }
    }
  }

  /** Ends one subscription whose access was withdrawn; closes its connection if nothing else is open. */
  private withdraw(subscriber: Subscriber, open: OpenSubscription, error: unknown): void {
    const code = codeOf(error) ?? 'FORBIDDEN';
    subscriber.endWith(code, error instanceof Error ? error.message : 'access withdrawn');
    const stillOpen = [...this.open.values()].some((other) => other.socket === open.socket);
    if (!stillOpen) {
      const { code: closeCode, reason } = closeCodeOf(error);
      open.socket.close(closeCode, reason);
    }
  }

  async subscribe(
    args: ExecutionArgs,
    channel: SubscriptionChannel,
  ): Promise<AsyncIterable<ExecutionResult>> {
    const admitted = this.admitted.get(args);
    if (!admitted) throw new Error('a subscription must pass check() before it subscribes');
    const { context, queryHash, slot } = admitted;
    slot.taken = true;
    // Taken back by the timer if graphql-ws was slower than it: held again, as it is in use from here.
    this.hold(slot);
    try {
      return this.start(args, channel, context, queryHash, slot);
    } catch (error) {
      this.release(slot);
      throw error;
    }
  }

  /** Joins the subscriber to the upstream subscription it shares, started if it is the first. */
  private start(
    args: ExecutionArgs,
    channel: SubscriptionChannel,
    context: GatewayContext,
    queryHash: string,
    slot: Slot,
  ): AsyncIterable<ExecutionResult> {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) throw new Error('a checked subscription has an operation');
    // Named in the document when the client did not name it in the message: usage is reported by that name.
    const operationName = args.operationName ?? operation?.name?.value;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const key = this.keyOf(args, context);
    let shared = this.shared.get(key);
    if (!shared) {
      shared = new SharedSubscription({
        planner: this.options.planner,
        plan: this.options.planner.plan(args.document, operationName),
        document: args.document,
        operationName,
        variables,
        context,
        services: this.options.services,
        subgraphUrls: this.options.subgraphUrls,
        principalSecret: this.options.principalSecret,
        logger: this.options.logger,
        onEmpty: () => this.shared.delete(key),
      });
      this.shared.set(key, shared);
    }
    const rootField = operation?.selectionSet.selections.find((s) => s.kind === 'Field');
    const owner = shared;
    const subscriber = new Subscriber({
      id: channel.id,
      socket: channel.socket,
      maxBufferedBytes: this.options.clientBufferBytes,
      droppable: rootField?.kind === 'Field' && DROPPABLE_FIELDS.has(rootField.name.value),
      onEnd: (ended) => {
        this.open.delete(ended);
        owner.leave(ended);
        this.reports.get(ended)?.();
        this.reports.delete(ended);
        this.release(slot);
      },
    });
    this.reports.set(subscriber, () => {
      if (subscriber.delivered === 0) return;
      this.options.onDelivered(context, operationName, subscriber.delivered);
      subscriber.delivered = 0;
    });
    this.open.set(subscriber, { context, args, operation, queryHash, socket: channel.socket });
    shared.join(subscriber);
    return subscriber;
  }

  close(): void {
    clearInterval(this.reporting);
    clearInterval(this.rechecking);
    for (const shared of [...this.shared.values()]) shared.close();
  }

  /** Callers that may see different data never share: partner, customer, role and scopes make the key. */
  private keyOf(args: ExecutionArgs, context: GatewayContext): string {
    const { principal } = context;
    return createHash('sha256')
      .update(print(args.document))
      .update(`\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`)
      .update(
        `\u0000${principal.partnerId ?? ''}\u0000${principal.customerId ?? ''}\u0000${principal.role ?? ''}\u0000${[...principal.scopes].sort().join(',')}`,
      )
      .digest('hex');
  }
}
