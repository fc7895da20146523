/**
 * Usage events as the gateway reports them, checked one by one: a malformed event is refused on its own,
 * with the field and the reason, and the valid events of its batch are still taken, so one bad event never
 * holds back a partner's (or another partner's) usage. Only a body that is not a batch at all is refused
 * whole. What the events add to the rollups is the store's (`store/usage-rollups.ts`).
 */
import {
  MAX_EVENT_ID_LENGTH,
  MAX_USAGE_BATCH,
  USAGE_EVENT_RULES,
  UsageEventSchema,
  type RefusedEvent,
  type UsageEvent,
} from '@meridian/contracts';
import { codedError } from '@meridian/schema';

export interface ParsedBatch {
  readonly events: UsageEvent[];
  readonly rejected: RefusedEvent[];
}

/**
 * Parses a batch into its valid events and the refused ones. Throws BAD_USER_INPUT only when the body is not
 * a batch: no `events` list, or one longer than MAX_USAGE_BATCH.
 */
export function parseUsageBatch(input: unknown): ParsedBatch {
  const events = (input as { events?: unknown } | null)?.events;
  if (!Array.isArray(events))
    throw codedError('BAD_USER_INPUT', 'events must be a list', { argument: 'events' });
  if (events.length > MAX_USAGE_BATCH) {
    throw codedError('BAD_USER_INPUT', `a batch holds at most ${MAX_USAGE_BATCH} events`, {
      argument: 'events',
      limit: MAX_USAGE_BATCH,
    });
  }
  const parsed: ParsedBatch = { events: [], rejected: [] };
  events.forEach((raw: unknown, index) => {
    const result = parseEvent(raw);
    if ('reason' in result) parsed.rejected.push({ index, id: usableId(raw), ...result });
    else parsed.events.push(result);
  });
  return parsed;
}

function usableId(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_EVENT_ID_LENGTH ? id : null;
}

/** The event, or the first field that is wrong with it and what that field must be. */
function parseEvent(raw: unknown): UsageEvent | Pick<RefusedEvent, 'field' | 'reason'> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { field: null, reason: 'the event must be an object' };
  }
  const result = UsageEventSchema.safeParse(raw);
  if (result.success) return result.data;
  const field = String(result.error.issues[0]?.path[0]) as keyof typeof USAGE_EVENT_RULES;
  return { field, reason: `${field} must be ${USAGE_EVENT_RULES[field]}` };
}
