/**
 * The edge's rules as one list, the same for every door. An operation arriving over HTTP, a graphql-ws
 * `subscribe`, or a bulk-ingest batch is turned by its door into an `EdgeOperation` (who calls, and the parsed
 * operation) and passes the steps below in order; each step lets it through or throws a coded refusal
 * (`refusal` in `@meridian/kit`), so nothing later runs, nothing is counted, and no subgraph is called. Doors
 * only translate: an HTTP status, a graphql-ws error or close code, a JSON body.
 *
 * The order: identity has run when the door built the context; then safelist, operation shape limits,
 * authorization, cost, login throttling, rate limits and quota. Metering follows the answer, in each door.
 */
import type { OperationDefinitionNode } from 'graphql';
import { measureOperation, type OperationShape } from './limits/operation-limits';
import type { EdgeOperation, EdgeStep } from './request';

/**
 * The shape of an operation, measured once however many steps ask. Apollo Server and the websocket door keep
 * parsed documents in their caches, so a repeated operation is measured once in all.
 */
const shapes = new WeakMap<OperationDefinitionNode, OperationShape>();

export function shapeOf(operation: EdgeOperation): OperationShape {
  let shape = shapes.get(operation.operation);
  if (!shape) {
    shape = measureOperation(operation.document, operation.operation);
    shapes.set(operation.operation, shape);
  }
  return shape;
}

export class EdgePipeline {
  constructor(private readonly steps: readonly EdgeStep[]) {}

  /** Runs the steps in order; a step that decides at once is not awaited (no turn of the event loop). */
  async run(operation: EdgeOperation): Promise<void> {
    for (const step of this.steps) {
      const pending = step.check(operation);
      if (pending) await pending;
    }
  }
}
