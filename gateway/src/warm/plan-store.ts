/**
 * `@apollo/gateway`'s query plan store, reached from outside: the one place in Meridian that touches the
 * gateway's private members. Its executor (2.14, `dist/index.js`) looks a plan up in the private
 * `queryPlanStore` under Apollo Server's `queryHash` (the SHA-256 of the query text), or, when the request
 * names an operation, under sha256(queryHash + operationName); on a miss it builds one with the private
 * `queryPlanner` from `operationFromDocument(apiSchema, document, { operationName })` and stores it.
 *
 * TypeScript cannot see these members, so they are named once here, in `GatewayInternals`, and checked when the
 * store is opened: a gateway without them is refused with `PlanStoreUnavailable`, naming the member it lacks.
 * `plan-store.test.ts` runs a real gateway behind Apollo Server to prove that a plan put here is the one its
 * executor finds, so an upgrade that renames or rekeys anything fails there, loudly.
 */
import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import type { QueryPlan, QueryPlanCache, QueryPlanner } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';

/** The private members of `ApolloGateway` used here, as its executor names them. */
interface GatewayInternals {
  queryPlanStore: QueryPlanCache;
  /** Set once the gateway has loaded a supergraph, and replaced with each new one. */
  queryPlanner?: QueryPlanner;
  apiSchema?: Schema;
  /** The planner's safety limits as the executor applies them (environment switches of `@apollo/gateway`). */
  recursiveSelectionsLimitDisabled?: boolean;
  nonLocalSelectionsLimitDisabled?: boolean;
}

/** @internal */
export class PlanStoreUnavailable extends Error {
  override name = 'PlanStoreUnavailable';
}

/** The key the executor keeps a request's plan under. */
export function planKey(queryHash: string, operationName?: string | null): string {
  return operationName
    ? createHash('sha256').update(queryHash).update(operationName).digest('hex')
    : queryHash;
}

/** Apollo Server's `queryHash` of an operation text. */
export function queryHashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface GatewayPlanStore {
  /** Whether the executor would find a plan under `key`. */
  has(key: string): Promise<boolean>;
  /**
   * Builds the plan of the operation `operationName` of `document` (the only one when undefined) exactly as
   * the executor does; throws what the planner throws.
   */
  build(document: DocumentNode, operationName: string | undefined): QueryPlan;
  /** Stores a plan where the executor looks; not counted by `watchBuilds`. */
  put(key: string, plan: QueryPlan): Promise<void>;
  /** Calls `onBuilt` for each plan the executor builds and stores from now on (a request that found none). */
  watchBuilds(onBuilt: () => void): void;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** Why the gateway's internals are not what this module expects, or undefined when they are. */
function missingMember(internals: Partial<GatewayInternals>): string | undefined {
  const store = internals.queryPlanStore as Partial<QueryPlanCache> | undefined;
  if (!store || ![store.get, store.set, store.delete, store.clear].every(isFunction)) {
    return 'queryPlanStore (a cache with get, set, delete and clear)';
  }
  if (!isFunction(internals.queryPlanner?.buildQueryPlan)) return 'queryPlanner (with buildQueryPlan)';
  if (!internals.apiSchema) return 'apiSchema';
  return undefined;
}

/**
 * The plan store of a gateway that has loaded its supergraph (Apollo Server's `serverWillStart` comes after
 * that). Throws `PlanStoreUnavailable` when this `@apollo/gateway` keeps its plans differently.
 */
export function openPlanStore(gateway: ApolloGateway): GatewayPlanStore {
  const internals = gateway as unknown as GatewayInternals;
  const missing = missingMember(internals);
  if (missing) {
    throw new PlanStoreUnavailable(
      `@apollo/gateway has no ${missing} where Meridian expects it; check gateway/src/warm/plan-store.ts against this version's executor`,
    );
  }
  // Plans put here go to the store itself, so that only the executor's own are counted once watched.
  const store = internals.queryPlanStore;
  return {
    has: async (key) => (await store.get(key)) !== undefined,
    build: (document, operationName) => {
      const operation = operationFromDocument(internals.apiSchema!, document, { operationName });
      return internals.queryPlanner!.buildQueryPlan(operation, {
        recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled === true,
        nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled === true,
      });
    },
    put: (key, plan) => store.set(key, plan),
    watchBuilds: (onBuilt) => {
      internals.queryPlanStore = {
        get: (key) => store.get(key),
        set: (key, plan, options) => {
          onBuilt();
          return store.set(key, plan, options);
        },
        delete: (key) => store.delete(key),
        clear: () => store.clear(),
      };
    },
  };
}
