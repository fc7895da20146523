/**
 * A subscription shared by every client that asked for the same thing (same operation, variables and
 * authorization-relevant caller): one upstream subscription over graphql-ws to the subgraph that owns the
 * root field, each event completed once by the rest of the plan through the gateway's executor (so fields
 * other subgraphs own resolve), serialized once, and the same bytes written to every client. The upstream reconnects and
 * resubscribes by itself when the subgraph restarts; it is closed when the last client leaves.
 */
import { buildOperationContext, executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { Logger } from '@meridian/kit/log';
import { PRINCIPAL_HEADER, signPrincipal } from '@meridian/kit/principal';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, ExecutionResult, FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GatewayContext } from '../request';
import type { SubscriptionPlan, SubscriptionPlanner } from './planner';
import { serializePayload, type Subscriber } from './subscriber';

/** The made-up service the primary fetch's events come from when the rest of the plan runs. */
const EVENT_SOURCE = '__subscription_event__';
/** Longest wait between attempts to reach a subgraph that went away. */
const MAX_RETRY_WAIT_MS = 5_000;

export interface SharedOptions {
  readonly planner: SubscriptionPlanner;
  readonly plan: SubscriptionPlan;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The first subscriber's context: its principal goes upstream (every sharer has the same one). */
  readonly context: GatewayContext;
  readonly services: ServiceMap;
  readonly subgraphUrls: ReadonlyMap<string, string>;
  readonly principalSecret: string;
  readonly logger: Logger;
  readonly onEmpty: () => void;
}

export class SharedSubscription {
  private readonly subscribers = new Set<Subscriber>();
  private client: Client | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Events are completed one after another, so clients get them in upstream order. */
  private completing: Promise<void> = Promise.resolve();

  constructor(private readonly options: SharedOptions) {}

  get size(): number {
    return this.subscribers.size;
  }

  join(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    if (!this.client) this.start();
  }

  leave(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.close();
  }

  close(): void {
    this.unsubscribe?.();
    void this.client?.dispose();
    this.client = undefined;
    for (const subscriber of [...this.subscribers]) subscriber.finish();
    this.subscribers.clear();
    this.options.onEmpty();
  }

  private start(): void {
    const { primary } = this.options.plan;
    const base = this.options.subgraphUrls.get(primary.serviceName);
    if (!base) throw new Error(`no URL for subgraph ${primary.serviceName}`);
    const url = base.replace(/^http/, 'ws');
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      // Signed afresh at every (re)connection, since a signature is trusted only for a minute.
      connectionParams: () => ({
        [PRINCIPAL_HEADER]: signPrincipal(this.options.context.principal, this.options.principalSecret),
      }),
      retryAttempts: Number.MAX_SAFE_INTEGER,
      shouldRetry: () => true,
      retryWait: async (retries) =>
        new Promise((resolve) => setTimeout(resolve, Math.min(MAX_RETRY_WAIT_MS, 100 * 2 ** retries))),
    });
    const variables = Object.fromEntries(
      (primary.variableUsages ?? []).map((name) => [name, this.options.variables[name]]),
    );
    this.unsubscribe = this.client.subscribe<Record<string, unknown>>(
      { query: primary.operation, operationName: primary.operationName, variables },
      {
        next: (event) => {
          this.completing = this.completing.then(() => this.deliver(event));
        },
        error: (error) => {
          this.options.logger.warn({ err: error }, `upstream subscription to ${primary.serviceName} failed`);
          this.broadcast({
            errors: [
              {
                message: `The ${primary.serviceName} service ended the subscription`,
                extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: primary.serviceName },
              } as never,
            ],
          });
          this.close();
        },
        // Events still being completed reach the clients before the end does: a subgraph that refuses a
        // subscription sends its error and completes at once.
        complete: () => {
          this.completing = this.completing.then(() => this.close());
        },
      },
    );
  }

  private async deliver(event: FormattedExecutionResult<Record<string, unknown>, unknown>): Promise<void> {
    if (this.subscribers.size === 0) return;
    try {
      this.broadcast(await this.complete(event));
    } catch (error) {
      this.options.logger.error({ err: error }, 'completing a subscription event failed');
    }
  }

  /** Serializes the result once and hands the same bytes to every client. */
  private broadcast(result: ExecutionResult): void {
    const payload = serializePayload(result);
    for (const subscriber of this.subscribers) subscriber.send(payload);
  }

  /** Runs the rest of the plan on one event, with the event standing in for the primary fetch. */
  private async complete(
    event: FormattedExecutionResult<Record<string, unknown>, unknown>,
  ): Promise<ExecutionResult> {
    const { planner, plan, document, operationName, variables, context, services } = this.options;
    const source: FetchNode = { ...plan.primary, serviceName: EVENT_SOURCE };
    const queryPlan: QueryPlan = {
      kind: 'QueryPlan',
      node: plan.rest ? { kind: 'Sequence', nodes: [source, plan.rest] } : source,
    };
    const serviceMap = {
      ...services,
      [EVENT_SOURCE]: { process: async () => ({ data: event.data, errors: event.errors }) },
    } as unknown as ServiceMap;
    const operationContext = buildOperationContext({
      schema: planner.apiGraphQLSchema,
      operationDocument: document,
      operationName,
    });
    const requestContext = {
      request: { variables, operationName },
      context: { ...context, ledger: { subgraphs: new Set<string>() } },
      metrics: {},
      logger: this.options.logger,
      document,
      operationName,
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    const result = await executeQueryPlan(
      queryPlan,
      serviceMap,
      requestContext,
      operationContext,
      planner.supergraphSchema,
      planner.apiSchema,
    );
    return {
      data: result.data,
      ...(result.errors?.length ? { errors: result.errors } : {}),
    } as ExecutionResult;
  }
}
