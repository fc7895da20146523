/**
 * The operation-limits step of the request pipeline: size and shape limits, then the static cost estimate
 * against the cost limit, all before the operation is planned, so a rejected operation never reaches a
 * subgraph. Every response carries `extensions.cost`: the estimate, the actual cost of what was returned,
 * and the limit.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@meridian/schema';
import type { GatewayContext } from '../context';
import { actualCost, estimateCost, type CostDirectives, type CostInput } from './cost';
import { checkOperationLimits, measureOperation, type OperationLimits } from './operation-limits';

export interface LimitsOptions extends OperationLimits {
  readonly maxQueryBytes: number;
  readonly maxCost: number;
  readonly defaultListSize: number;
  readonly directives: CostDirectives;
}

export interface CostExtension {
  readonly estimated: number;
  readonly actual?: number;
  readonly limit: number;
  /** Cost points left in the caller's current rate-limit window. */
  readonly remaining?: number;
}

const BAD_REQUEST = { http: { status: 400 } };

export function limitsPlugin(options: LimitsOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let costInput: CostInput | undefined;
      let estimated: number | undefined;
      return {
        async didResolveSource({ source }) {
          const bytes = Buffer.byteLength(source);
          if (bytes > options.maxQueryBytes) {
            const violation = { limit: 'queryBytes', maximum: options.maxQueryBytes, actual: bytes };
            throw codedError(
              'OPERATION_LIMIT_EXCEEDED',
              `the operation is ${bytes} bytes long; the limit is ${options.maxQueryBytes}`,
              { violations: [violation], ...BAD_REQUEST },
            );
          }
        },
        async didResolveOperation({ document, operation, schema, request, contextValue }) {
          // Apollo resolves the operation before this hook, or fails the request itself.
          if (!operation) return;
          const violations = checkOperationLimits(measureOperation(document, operation), options);
          if (violations.length > 0) {
            const list = violations.map((v) => `${v.limit} ${v.actual} exceeds ${v.maximum}`).join(', ');
            throw codedError('OPERATION_LIMIT_EXCEEDED', `the operation is too large: ${list}`, {
              violations,
              ...BAD_REQUEST,
            });
          }
          const input: CostInput = {
            schema,
            document,
            operation,
            variables: request.variables ?? {},
            directives: options.directives,
            defaultListSize: options.defaultListSize,
          };
          costInput = input;
          estimated = estimateCost(input);
          contextValue.ledger.estimatedCost = estimated;
          if (estimated > options.maxCost) {
            throw codedError(
              'COST_LIMIT_EXCEEDED',
              `the operation's estimated cost is ${estimated}; the limit is ${options.maxCost}`,
              { estimated, limit: options.maxCost, ...BAD_REQUEST },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || estimated === undefined || !costInput) return;
          const result = response.body.singleResult;
          if (result.data) contextValue.ledger.actualCost = actualCost(costInput, result.data);
          const actual = contextValue.ledger.actualCost;
          const cost: CostExtension = {
            estimated,
            ...(actual === undefined ? {} : { actual }),
            limit: options.maxCost,
            ...(contextValue.ledger.costRemaining === undefined
              ? {}
              : { remaining: contextValue.ledger.costRemaining }),
          };
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
