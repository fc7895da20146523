/**
 * The edge's steps as one Apollo plugin that runs them in order. Apollo calls the `didResolveOperation` hooks
 * of separate plugins all at once, so an operation refused by authorization would still be counted by the
 * rate limits; here each step runs only if the ones before it let the operation through. The other hooks are
 * passed to every step.
 */
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

export function inOrder<Context extends BaseContext>(
  steps: readonly ApolloServerPlugin<Context>[],
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart(requestContext) {
      const listeners = (
        await Promise.all(steps.map((step) => step.requestDidStart?.(requestContext)))
      ).filter((listener): listener is GraphQLRequestListener<Context> => Boolean(listener));
      return {
        async didResolveSource(context) {
          for (const listener of listeners) await listener.didResolveSource?.(context);
        },
        async didResolveOperation(context) {
          for (const listener of listeners) await listener.didResolveOperation?.(context);
        },
        async willSendResponse(context) {
          for (const listener of listeners) await listener.willSendResponse?.(context);
        },
      };
    },
  };
}
