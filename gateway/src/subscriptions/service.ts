/**
 * Federated subscriptions at the gateway: each client subscription passes the same identity, scope and
 * limit rules as an HTTP operation, then joins the shared upstream subscription for its operation,
 * variables and caller (creating it when it is the first). Concurrent subscriptions per caller are capped
 * by the plan.
 */
import { createHash } from 'node:crypto';
import type { ServiceMap } from '@apollo/gateway';
import type { Logger, SubscriptionChannel } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import {
  getOperationAST,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type OperationDefinitionNode,
} from 'graphql';
import { authorizeOperation, describeRefusals, type AccessPolicies } from '../auth';
import type { GatewayContext } from '../context';
import {
  checkOperationLimits,
  estimateCost,
  measureOperation,
  rateSubject,
  type CostDirectives,
  type OperationLimits,
} from '../limits';
import type { SubscriptionPlanner } from './planner';
import { SharedSubscription } from './shared';
import { Subscriber } from './subscriber';

/** Root fields whose events may be skipped for a slow client (the next one supersedes them). */
export const DROPPABLE_FIELDS = new Set(['matchFrames', 'sensorReadings']);

/** How often delivered messages are handed to metering, counted per client in between. */
const DELIVERY_REPORT_MS = 1_000;

export interface SubscriptionServiceOptions {
  readonly planner: SubscriptionPlanner;
  readonly services: ServiceMap;
  readonly subgraphUrls: ReadonlyMap<string, string>;
  readonly principalSecret: string;
  readonly policies: AccessPolicies;
  readonly limits: OperationLimits & { readonly maxCost: number; readonly defaultListSize: number };
  readonly costDirectives: CostDirectives;
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

export class SubscriptionService {
  private readonly shared = new Map<string, SharedSubscription>();
  private readonly active = new Map<string, number>();
  private readonly reports = new Map<Subscriber, () => void>();
  private readonly reporting: NodeJS.Timeout;

  constructor(private readonly options: SubscriptionServiceOptions) {
    this.reporting = setInterval(() => {
      for (const report of this.reports.values()) report();
    }, DELIVERY_REPORT_MS);
    this.reporting.unref();
  }

  /** Subscriptions open now, and upstream subscriptions serving them. */
  get counts(): { readonly clients: number; readonly upstreams: number } {
    let clients = 0;
    for (const shared of this.shared.values()) clients += shared.size;
    return { clients, upstreams: this.shared.size };
  }

  /** The checks an operation must pass before it may subscribe; errors refuse it. */
  async check(args: ExecutionArgs): Promise<readonly GraphQLError[]> {
    const context = args.contextValue as GatewayContext;
    const operation = getOperationAST(args.document, args.operationName) as OperationDefinitionNode | null;
    if (!operation) return [codedError('OPERATION_RESOLUTION_FAILURE', 'name the operation to run')];
    if (operation.operation !== 'subscription') {
      return [
        codedError('BAD_REQUEST', 'send queries and mutations over HTTP; this socket runs subscriptions'),
      ];
    }
    const refusals = authorizeOperation(
      this.options.planner.apiGraphQLSchema,
      args.document,
      operation,
      this.options.policies,
      context.principal,
    );
    if (refusals.length > 0) {
      const identified = Boolean(context.principal.keyId || context.principal.userId);
      return [
        codedError(identified ? 'FORBIDDEN' : 'UNAUTHENTICATED', describeRefusals(refusals), {
          refused: refusals.map(({ field, missingScopes }) => ({ field, missingScopes })),
        }),
      ];
    }
    const violations = checkOperationLimits(measureOperation(args.document, operation), this.options.limits);
    if (violations.length > 0) {
      return [codedError('OPERATION_LIMIT_EXCEEDED', 'the subscription is too large', { violations })];
    }
    const estimated = estimateCost({
      schema: this.options.planner.apiGraphQLSchema,
      document: args.document,
      operation,
      variables: (args.variableValues ?? {}) as Record<string, unknown>,
      directives: this.options.costDirectives,
      defaultListSize: this.options.limits.defaultListSize,
    });
    if (estimated > this.options.limits.maxCost) {
      return [
        codedError(
          'COST_LIMIT_EXCEEDED',
          `each event's estimated cost is ${estimated}; the limit is ${this.options.limits.maxCost}`,
          {
            estimated,
            limit: this.options.limits.maxCost,
          },
        ),
      ];
    }
    const allowed = context.plan?.concurrentSubscriptions ?? this.options.anonymousConcurrency;
    const open = this.active.get(rateSubject(context)) ?? 0;
    if (open >= allowed) {
      return [
        codedError('RATE_LIMITED', `at most ${allowed} concurrent subscriptions; close one first`, {
          limit: 'subscriptions',
          maximum: allowed,
        }),
      ];
    }
    return [];
  }

  async subscribe(
    args: ExecutionArgs,
    channel: SubscriptionChannel,
  ): Promise<AsyncIterable<ExecutionResult>> {
    const context = args.contextValue as GatewayContext;
    const operation = getOperationAST(args.document, args.operationName);
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
    const subject = rateSubject(context);
    this.active.set(subject, (this.active.get(subject) ?? 0) + 1);
    const rootField = operation?.selectionSet.selections.find((s) => s.kind === 'Field');
    const owner = shared;
    const subscriber = new Subscriber({
      id: channel.id,
      socket: channel.socket,
      maxBufferedBytes: this.options.clientBufferBytes,
      droppable: rootField?.kind === 'Field' && DROPPABLE_FIELDS.has(rootField.name.value),
      onEnd: (ended) => {
        owner.leave(ended);
        this.reports.get(ended)?.();
        this.reports.delete(ended);
        const left = (this.active.get(subject) ?? 1) - 1;
        if (left > 0) this.active.set(subject, left);
        else this.active.delete(subject);
      },
    });
    this.reports.set(subscriber, () => {
      if (subscriber.delivered === 0) return;
      this.options.onDelivered(context, operationName, subscriber.delivered);
      subscriber.delivered = 0;
    });
    shared.join(subscriber);
    return subscriber;
  }

  close(): void {
    clearInterval(this.reporting);
    for (const shared of [...this.shared.values()]) shared.close();
  }

  /** Callers that may see different data never share: partner, role and scopes are part of the key. */
  private keyOf(args: ExecutionArgs, context: GatewayContext): string {
    const { principal } = context;
    return createHash('sha256')
      .update(print(args.document))
      .update(`\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`)
      .update(
        `\u0000${principal.partnerId ?? ''}\u0000${principal.role ?? ''}\u0000${[...principal.scopes].sort().join(',')}`,
      )
      .digest('hex');
  }
}
