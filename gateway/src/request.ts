/**
 * What every step of the edge shares about one request: who calls and what it presented (`Caller`,
 * `GatewayContext`), what it has cost so far (`RequestLedger`), and the operation a door hands the pipeline
 * (`EdgeOperation`). Types only, and imports only types: any step, door or plugin can use them without
 * reaching the identity step or the server's wiring.
 */
import type { PlanLimits } from '@meridian/kit/plan-limits';
import type { Principal } from '@meridian/kit/principal';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { CostInput } from './limits/cost';
import type { RateState } from './limits/rate-limits';

/** What a call presents, from HTTP headers or a websocket's `connection_init` payload. */
export interface Caller {
  readonly apiKey?: string;
  /** `Authorization` as sent, e.g. `Bearer <token>`. */
  readonly authorization?: string;
  readonly clientAddress: string;
  readonly requestId: string;
}

/** Figures the pipeline steps hand on to each other (limits to rate limits, all of them to metering). */
interface RequestLedger {
  estimatedCost?: number;
  actualCost?: number;
  /** Cost points left in the caller's rate-limit window after this operation. */
  costRemaining?: number;
  /** The subgraphs the gateway called for this operation. */
  readonly subgraphs: Set<string>;
  /** What the estimate was made of, so the answer's actual cost is measured by the same rules. */
  costInput?: CostInput;
  /** Where the caller stands in each budget the operation was taken from, for the `RateLimit` headers. */
  rateStates?: RateState[];
  /** Set when the operation was served beyond the monthly quota, as overage. */
  overage?: boolean;
  /** Set when the operation was taken from its partner's monthly quota, so billing charges it. */
  metered?: boolean;
  /** The account a `login` operation tried, so that a failure counts against it. */
  loginAccount?: string;
}

export interface GatewayContext {
  readonly principal: Principal;
  /** The partner's plan, when the call came with a key. */
  readonly plan?: PlanLimits;
  /** Set for a portal session of a suspended partner's user, who may only read billing. */
  readonly partnerSuspended?: boolean;
  /** Set when the call's key runs only operations on its partner's safelist. */
  readonly safelistOnly?: boolean;
  /** Echoed to the client and passed to the subgraphs, so one request can be followed through the logs. */
  readonly requestId: string;
  /** The client's address, which anonymous calls are limited by. */
  readonly clientAddress: string;
  /** The credentials as presented, so that access can be checked again while a subscription lasts. */
  readonly caller?: Caller;
  readonly ledger: RequestLedger;
}

type Door = 'http' | 'websocket' | 'ingest';

export interface EdgeOperation {
  readonly door: Door;
  readonly context: GatewayContext;
  /** The API schema the operation runs against. */
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** Variables as the request sent them. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** SHA-256 (hex) of the operation's text: how safelists name operations. */
  readonly queryHash: string | undefined;
  /** Set when the text was taken from the caller's partner safelist by its hash. */
  readonly fromSafelist: boolean;
  /** The persisted-query hash the caller sent in place of the text, when it sent one. */
  readonly persistedHash?: string;
}

export interface EdgeStep {
  /** Throws a coded refusal, or returns to let the operation through. */
  check(operation: EdgeOperation): void | Promise<void>;
}
