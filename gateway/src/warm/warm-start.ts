/**
 * Planning a list of operations into the gateway's plan store before any request asks for them, in order,
 * within a number of operations and a time budget. An operation is put under every key a request for it can
 * look under: its text's hash alone when the document holds one operation (a request that names none), and
 * with each operation's name (a request that names it). An operation that does not parse, does not validate
 * against the API schema or cannot be planned is skipped (logged at debug): its first request answers with the
 * same errors as it always did. Subscriptions are left out: the websocket door plans them, not this store.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '@meridian/kit/log';
import {
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { planKey, queryHashOf, type GatewayPlanStore } from './plan-store';

export interface WarmOperation {
  readonly text: string;
  /** Where it comes from: the explorer's examples, or a partner's safelist. */
  readonly source: 'example' | 'safelist';
}

export interface WarmLimits {
  /** Operation texts planned at most. */
  readonly maxOperations: number;
  /** Time planning may take; operations left then are planned by their first request, as before. */
  readonly budgetMs: number;
}

export interface WarmReport {
  /** Operation texts planned, by source. */
  readonly planned: Readonly<Record<WarmOperation['source'], number>>;
  /** Plans built: one per operation of each text planned. */
  readonly plans: number;
  readonly skipped: number;
  /** Operations not planned because a limit was reached first. */
  readonly left: number;
  readonly ms: number;
}

/** Why a text cannot be planned, or its document. */
function documentOf(text: string, schema: GraphQLSchema): DocumentNode | string {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
  const errors = validate(schema, document);
  return errors.length > 0 ? `does not validate: ${errors[0]!.message}` : document;
}

/**
 * Plans `operations` in order into `store`, calling `onPlanned` for each plan built; an operation that cannot
 * be planned is skipped, not thrown. `schema` is the API schema Apollo Server validates requests against.
 */
export async function planOperations(
  store: GatewayPlanStore,
  schema: GraphQLSchema,
  operations: readonly WarmOperation[],
  limits: WarmLimits,
  logger: Logger,
  onPlanned: () => void,
): Promise<WarmReport> {
  const started = performance.now();
  const planned = { example: 0, safelist: 0 };
  let plans = 0;
  let skipped = 0;
  let done = 0;
  for (const operation of operations) {
    if (planned.example + planned.safelist >= limits.maxOperations) break;
    if (performance.now() - started >= limits.budgetMs) break;
    done += 1;
    const queryHash = queryHashOf(operation.text);
    const document = documentOf(operation.text, schema);
    if (typeof document === 'string') {
      skipped += 1;
      logger.debug(
        { operationId: queryHash, source: operation.source },
        `warm start skipped an operation that ${document}`,
      );
      continue;
    }
    const definitions = document.definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    let built = 0;
    let refused = false;
    for (const definition of definitions) {
      if (definition.operation === 'subscription') continue;
      const name = definition.name?.value;
      const keys = [
        ...(definitions.length === 1 ? [planKey(queryHash)] : []),
        ...(name ? [planKey(queryHash, name)] : []),
      ];
      const known = await Promise.all(keys.map((key) => store.has(key)));
      if (known.every(Boolean)) continue;
      try {
        const plan = store.build(document, name);
        for (const key of keys) await store.put(key, plan);
      } catch (error) {
        refused = true;
        logger.debug(
          { operationId: queryHash, operationName: name, source: operation.source, err: error },
          'warm start skipped an operation the planner refused',
        );
        continue;
      }
      built += 1;
      onPlanned();
    }
    plans += built;
    if (built > 0) planned[operation.source] += 1;
    if (refused) skipped += 1;
  }
  return { planned, plans, skipped, left: operations.length - done, ms: performance.now() - started };
}
