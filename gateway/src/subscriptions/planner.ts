/**
 * Planning a subscription with `@apollo/query-planner`: a `Subscription` plan has a primary fetch to the
 * subgraph that owns the root field, and a "rest" plan for the fields other subgraphs own. Plans are cached
 * by operation text and name.
 */
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { print } from 'graphql';

export interface SubscriptionPlan {
  readonly primary: FetchNode;
  readonly rest?: PlanNode;
}

/** Plans kept; an operation beyond them is planned again. */
const PLAN_CACHE_SIZE = 1_000;

export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, SubscriptionPlan>();

  /** `supergraphSdl`: the supergraph as the planner may load it (see `supergraphForPlanner`). */
  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  plan(document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const key = `${operationName ?? ''}\u0000${print(document)}`;
    let plan = this.plans.get(key);
    if (!plan) {
      const operation = operationFromDocument(this.apiSchema, document, { operationName });
      const node = (this.planner.buildQueryPlan(operation) as QueryPlan).node;
      if (node?.kind !== 'Subscription') throw new Error('the operation is not a subscription');
      plan = { primary: node.primary, rest: node.rest };
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.clear();
      this.plans.set(key, plan);
    }
    return plan;
  }
}
