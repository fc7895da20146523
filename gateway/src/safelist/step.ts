/**
 * The safelist step of the edge pipeline: a key marked safelist-only runs only operations on its partner's
 * safelist, on every door. Bulk ingest is no operation on a safelist, so such a key cannot ingest.
 */
import type { Logger } from '@meridian/kit/log';
import { refusal } from '@meridian/kit/refusals';
import type { EdgeOperation, EdgeStep } from '../request';
import type { Safelist, SafelistDirectory } from './safelists';

/** How a partner registers operations, for the messages of refusals. */
const HOW_TO_REGISTER =
  'register it with the registerOperations mutation (a developer of the partner or an admin), then send its text or its SHA-256 as extensions.persistedQuery.sha256Hash';

export function safelistStep(safelists: SafelistDirectory | undefined, logger: Logger): EdgeStep {
  return {
    check(operation) {
      // Most keys may run any operation: decided at once, without a turn of the event loop.
      if (operation.context.safelistOnly !== true || operation.fromSafelist) return;
      return checkSafelisted(operation);
    },
  };

  async function checkSafelisted({ context, door, queryHash, persistedHash }: EdgeOperation): Promise<void> {
    if (door === 'ingest') {
      throw refusal('FORBIDDEN', 'this API key accepts only safelisted operations; bulk ingest is not one', {
        reason: 'safelist',
      });
    }
    const { partnerId } = context.principal;
    let safelist: Safelist | undefined;
    if (partnerId && safelists) {
      try {
        safelist = await safelists.get(partnerId);
      } catch (error) {
        logger.warn({ err: error, partnerId }, 'safelist lookup failed');
      }
    }
    if (!safelist) {
      throw refusal('SERVICE_UNAVAILABLE', "the partner's safelist cannot be read right now; retry shortly");
    }
    if (queryHash !== undefined && safelist.has(queryHash)) return;
    if (persistedHash !== undefined) {
      throw refusal(
        'PERSISTED_QUERY_NOT_FOUND',
        `this API key accepts only safelisted operations and ${persistedHash.slice(0, 64)} is not on its partner's safelist; ${HOW_TO_REGISTER}`,
        { reason: 'safelist', operationId: persistedHash.slice(0, 64) },
      );
    }
    throw refusal(
      'FORBIDDEN',
      `this API key accepts only safelisted operations, and cannot register persisted queries; the operation ${queryHash} is not on its partner's safelist: ${HOW_TO_REGISTER}`,
      { reason: 'safelist', operationId: queryHash },
    );
  }
}
