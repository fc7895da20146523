/**
 * Per-partner safelists: the operations a partner registered, so its production keys can be limited to them
 * and clients can send only an operation's hash. An operation's id is the SHA-256 (hex) of its exact text,
 * the hash automatic persisted queries use. A batch is checked whole before anything is written, so a
 * rejected batch leaves the list as it was; registering a text already on the list changes nothing.
 * Every change is announced on the key-change feed, so gateways drop their copy of the list at once.
 */
import { createHash } from 'node:crypto';
import { codedError } from '@meridian/schema';
import { Kind, parse } from 'graphql';
import type { KeyDeps } from '../auth/key-lifecycle';
import { partnerInReach, type Principal } from '../auth/principal';
import type { BillingStore, SafelistedOperationRecord } from '../store';

/** Operations one call may register. */
const MAX_OPERATIONS_PER_BATCH = 100;
/** Operations one partner's safelist may hold. */
const MAX_SAFELIST_SIZE = 1_000;
/** Longest operation text, in UTF-8 bytes: the gateway's default limit on an operation's size. */
const MAX_OPERATION_BYTES = 20_000;
const MAX_OPERATION_NAME_LENGTH = 100;
const OPERATION_ID = /^[0-9a-f]{64}$/;
/** Most distinct operations one listing of every safelist gives (a gateway's warm start asks for them). */
export const MAX_LISTED_OPERATIONS = 2_000;
/** Most UTF-8 bytes of operation text one listing gives. */
export const MAX_LISTED_BYTES = 4_000_000;

export interface OperationToRegister {
  readonly text: string;
  readonly name?: string | null;
}

function operationId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface Problem {
  readonly argument: string;
  readonly reason: string;
}

/** Why one operation cannot be registered, if it cannot. */
function problemsOf(operation: OperationToRegister, index: number): Problem[] {
  const problems: Problem[] = [];
  const at = `operations[${index}]`;
  const bytes = Buffer.byteLength(operation.text, 'utf8');
  if (operation.text.trim().length === 0) {
    problems.push({ argument: `${at}.text`, reason: 'is empty' });
  } else if (bytes > MAX_OPERATION_BYTES) {
    problems.push({ argument: `${at}.text`, reason: `is ${bytes} bytes; at most ${MAX_OPERATION_BYTES}` });
  } else {
    try {
      const document = parse(operation.text);
      if (!document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
        problems.push({ argument: `${at}.text`, reason: 'holds no operation' });
      }
    } catch (error) {
      problems.push({ argument: `${at}.text`, reason: `is not valid GraphQL: ${(error as Error).message}` });
    }
  }
  const name = operation.name?.trim();
  if (operation.name != null && (!name || name.length > MAX_OPERATION_NAME_LENGTH)) {
    problems.push({ argument: `${at}.name`, reason: `must be 1 to ${MAX_OPERATION_NAME_LENGTH} characters` });
  }
  return problems;
}

export async function safelistOf(
  deps: KeyDeps,
  principal: Principal | null,
  partnerId: string | null | undefined,
): Promise<SafelistedOperationRecord[]> {
  return deps.store.safelist(partnerInReach(principal, partnerId));
}

export async function registerOperations(
  deps: KeyDeps,
  principal: Principal | null,
  partnerId: string | null | undefined,
  operations: readonly OperationToRegister[],
): Promise<SafelistedOperationRecord[]> {
  const partner = partnerInReach(principal, partnerId);
  if (operations.length === 0 || operations.length > MAX_OPERATIONS_PER_BATCH) {
    throw codedError(
      'BAD_USER_INPUT',
      `operations must hold 1 to ${MAX_OPERATIONS_PER_BATCH} operations; it holds ${operations.length}`,
      { argument: 'operations', limit: MAX_OPERATIONS_PER_BATCH },
    );
  }
  const problems = operations.flatMap(problemsOf);
  if (problems.length > 0) {
    throw codedError(
      'BAD_USER_INPUT',
      `nothing was registered: ${problems.map((p) => `${p.argument} ${p.reason}`).join('; ')}`,
      { argument: problems[0]!.argument, problems },
    );
  }
  if (!(await deps.store.partnersByIds([partner])).length) {
    throw codedError('BAD_USER_INPUT', `unknown partner ${partner}`, { argument: 'partnerId' });
  }
  const now = deps.now();
  const additions = operations.map((operation) => ({
    id: operationId(operation.text),
    text: operation.text,
    name: operation.name?.trim() || null,
    createdAt: now,
  }));
  const known = new Set((await deps.store.safelist(partner)).map((operation) => operation.id));
  const fresh = new Set(additions.map((a) => a.id).filter((id) => !known.has(id)));
  if (known.size + fresh.size > MAX_SAFELIST_SIZE) {
    throw codedError(
      'BAD_USER_INPUT',
      `a safelist holds at most ${MAX_SAFELIST_SIZE} operations; this one holds ${known.size} and the batch adds ${fresh.size}`,
      { argument: 'operations', limit: MAX_SAFELIST_SIZE },
    );
  }
  const unique = [...new Map(additions.map((a) => [a.id, a])).values()];
  const stored = new Map(
    (await deps.store.addToSafelist(partner, unique)).map((operation) => [operation.id, operation]),
  );
  if (fresh.size > 0) deps.keys.changed({ kind: 'safelist-changed', partnerId: partner });
  return additions.map((addition) => stored.get(addition.id)!);
}

export async function removeOperation(
  deps: KeyDeps,
  principal: Principal | null,
  partnerId: string | null | undefined,
  id: string,
): Promise<boolean> {
  const partner = partnerInReach(principal, partnerId);
  if (!OPERATION_ID.test(id)) {
    throw codedError('BAD_USER_INPUT', 'id must be the SHA-256 of the operation, 64 lowercase hex digits', {
      argument: 'id',
    });
  }
  const removed = await deps.store.removeFromSafelist(partner, id);
  if (removed) deps.keys.changed({ kind: 'safelist-changed', partnerId: partner });
  return removed;
}

export interface ListedOperations {
  /** Distinct operations over every partner's list, the most recently registered first. */
  readonly operations: readonly { readonly id: string; readonly text: string }[];
  /** Whether more operations are registered than the limits let through. */
  readonly truncated: boolean;
}

/**
 * The operations registered on any partner's list, newest first, as many as fit both limits: whole
 * operations only, so a listing stops before the first one that would go over `maxBytes`.
 */
export async function listRecentOperations(
  store: Pick<BillingStore, 'recentSafelistedOperations'>,
  limits: { readonly maxOperations: number; readonly maxBytes: number },
): Promise<ListedOperations> {
  const rows = await store.recentSafelistedOperations(limits.maxOperations + 1);
  const operations: { id: string; text: string }[] = [];
  let bytes = 0;
  for (const row of rows.slice(0, limits.maxOperations)) {
    bytes += Buffer.byteLength(row.text, 'utf8');
    if (bytes > limits.maxBytes) return { operations, truncated: true };
    operations.push(row);
  }
  return { operations, truncated: rows.length > limits.maxOperations };
}
