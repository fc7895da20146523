/**
 * API keys: creating (the secret is returned once), rolling with a grace period, revoking, and the lookup
 * the gateway calls for every key it has not cached. Lookups are answered from a short-lived in-process
 * cache that the mutations here clear at once; `last used` is kept in memory and written in batches, so a
 * busy key costs no write per request.
 */
import type { KeyChange } from '@meridian/contracts';
import { LRUCache } from 'lru-cache';
import { codedError } from '@meridian/schema';
import type { PubSub } from 'type-graphql';
import type { ApiKeyRecord, BillingStore, KeyGrant } from '../store';
import { generateKey, hashKey, parseKey, sameHash, type KeyEnvironment } from '@meridian/kit';
import { newId } from './accounts';
import { audit } from './audit';
import { partnerInReach, requireManagement, type Principal } from './principal';
import { managementScopes } from './scopes';
import { refuseIfSuspended } from './suspension';

export const DEFAULT_ROLL_GRACE_SECONDS = 24 * 60 * 60;
export const MAX_ROLL_GRACE_SECONDS = 7 * 24 * 60 * 60;
export const MAX_KEY_NAME_LENGTH = 100;
export const MAX_KEYS_PER_PARTNER = 100;
/** How long a lookup may be answered from memory; mutations in this process clear entries at once. */
export const KEY_CACHE_TTL_MS = 1_000;
/** The most key answers kept at once: a flood of made-up keys evicts the oldest, never grows the cache. */
export const KEY_CACHE_MAX_ENTRIES = 50_000;
/** How often the `last used` times gathered in memory are written. */
export const LAST_USED_FLUSH_MS = 5_000;

export interface CreatedKey {
  readonly key: ApiKeyRecord;
  /** The whole key; never stored, never shown again. */
  readonly secret: string;
}

export type LookupResult =
  | { readonly status: 'ok'; readonly grant: KeyGrant }
  | { readonly status: 'unknown' | 'revoked' | 'expired' | 'suspended' };

/** Remembers when keys were last used and writes them all at once, every few seconds and on close. */
export class LastUsedRecorder {
  private pending = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Pick<BillingStore, 'touchKeys'>,
    intervalMs = LAST_USED_FLUSH_MS,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  record(keyId: string, at: Date): void {
    const seen = this.pending.get(keyId);
    if (!seen || seen < at) this.pending.set(keyId, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    await this.store.touchKeys(batch);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/**
 * The pub/sub topic on which key revocations, rolls, settings and plan changes, and changes of a partner's
 * safelist, are announced to every cache.
 */
export const KEY_CHANGES_TOPIC = 'KEY_CHANGES';

export type { KeyChange };

/** Whether cached key lookups may be out of date after a change (a safelist change leaves them right). */
function affectsKeys(change: KeyChange): boolean {
  return change.kind !== 'safelist-changed';
}

export class KeyDirectory {
  private readonly cache = new LRUCache<string, { result: LookupResult; at: number }>({
    max: KEY_CACHE_MAX_ENTRIES,
  });
  private listening: AsyncIterator<unknown> | undefined;
  private readonly listeners = new Set<(change: KeyChange) => void>();

  constructor(
    private readonly store: BillingStore,
    readonly lastUsed: LastUsedRecorder,
    private readonly now: () => Date = () => new Date(),
    private readonly pubSub?: PubSub,
  ) {}

  /** Drops cached answers whenever any replica announces a change (its own included). */
  listen(): void {
    if (!this.pubSub || this.listening) return;
    const iterator = this.pubSub.subscribe(KEY_CHANGES_TOPIC)[Symbol.asyncIterator]();
    this.listening = iterator;
    const next = (): void => {
      iterator.next().then(
        (step) => {
          if (step.done) return;
          if (affectsKeys(step.value as KeyChange)) this.forgetAll();
          for (const listener of this.listeners) listener(step.value as KeyChange);
          next();
        },
        () => undefined,
      );
    };
    next();
  }

  /** Calls `listener` with every change any replica announces; returns the function that stops it. */
  onChange(listener: (change: KeyChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.listening?.return?.();
    this.listening = undefined;
  }

  /**
   * A key, a plan or a safelist changed: this replica forgets at once, and the change is published so other
   * replicas and the gateways' caches drop their copies within moments.
   */
  changed(change: KeyChange): void {
    if (affectsKeys(change)) this.forgetAll();
    this.pubSub?.publish(KEY_CHANGES_TOPIC, change);
  }

  /** Resolves a key's SHA-256 (hex) to its partner, plan and scopes, as of now. */
  async lookup(hash: string): Promise<LookupResult> {
    const now = this.now();
    const cached = this.cache.get(hash);
    const result =
      cached && now.getTime() - cached.at < KEY_CACHE_TTL_MS ? cached.result : await this.resolve(hash, now);
    if (cached?.result !== result) this.cache.set(hash, { result, at: now.getTime() });
    if (result.status === 'ok') this.lastUsed.record(result.grant.key.id, now);
    return result;
  }

  private async resolve(hash: string, now: Date): Promise<LookupResult> {
    const grant = /^[0-9a-f]{64}$/.test(hash) ? await this.store.grantByHash(hash) : undefined;
    if (!grant || !sameHash(grant.matchedHash, hash)) return { status: 'unknown' };
    if (grant.key.revokedAt) return { status: 'revoked' };
    if (grant.key.expiresAt && grant.key.expiresAt <= now) return { status: 'expired' };
    if (grant.matchedPrevious && !(grant.previousValidUntil && grant.previousValidUntil > now)) {
      return { status: 'expired' };
    }
    if (grant.partnerSuspendedAt) return { status: 'suspended' };
    return { status: 'ok', grant };
  }

  /** Drops every cached answer. */
  private forgetAll(): void {
    this.cache.clear();
  }
}

export interface KeyDeps {
  readonly store: BillingStore;
  readonly keys: KeyDirectory;
  readonly now: () => Date;
}

async function ownedKey(deps: KeyDeps, principal: Principal | null, id: string): Promise<ApiKeyRecord> {
  const known = requireManagement(principal, 'keys:manage');
  const [key] = await deps.store.keysByIds([id]);
  if (!key) throw codedError('NOT_FOUND', `no API key ${id}`, { argument: 'id' });
  if (known.role !== 'admin' && key.partnerId !== known.partnerId) {
    throw codedError('FORBIDDEN', 'a partner may manage only its own keys', { argument: 'id' });
  }
  return key;
}

/**
 * The scopes a key of a partner on `planId` may be given by `caller`: chosen from the plan's (and the
 * management scopes), at least one, and never one the caller lacks itself (a key never makes or widens a key
 * beyond what it may do; a developer's session holds the plan's scopes). Sorted and without repeats.
 */
async function allowedKeyScopes(
  deps: KeyDeps,
  caller: Principal,
  planId: string,
  requested: readonly string[],
): Promise<string[]> {
  const [plan] = await deps.store.plansByIds([planId]);
  const scopes = [...new Set(requested)].sort();
  const offered = [...(plan?.allowedScopes ?? []), ...managementScopes];
  const refused = scopes.filter((scope) => !offered.includes(scope));
  if (scopes.length === 0 || refused.length > 0) {
    throw codedError(
      'BAD_USER_INPUT',
      `scopes must be chosen from the plan's ${offered.join(', ')}; not allowed: ${refused.join(', ') || '(none given)'}`,
      { argument: 'scopes', reason: scopes.length === 0 ? 'empty' : 'beyond-plan', refusedScopes: refused },
    );
  }
  // A session's scopes are its plan's, signed by the gateway; a call straight to billing in development
  // carries none, and is held to the plan alone.
  const held = caller.keyId || caller.scopes.length > 0 ? caller.scopes : offered;
  const beyond =
    caller.role === 'admin' && !caller.keyId ? [] : scopes.filter((scope) => !held.includes(scope));
  if (beyond.length > 0) {
    throw codedError(
      'FORBIDDEN',
      `you can give a key only scopes you hold yourself; you lack ${beyond.join(', ')}`,
      { argument: 'scopes', reason: 'beyond-own-scopes', missingScopes: [beyond] },
    );
  }
  return scopes;
}

/** A suspended partner's keys are refused, so it gets no new secrets either, even from an admin. */
const NO_NEW_SECRETS = 'it gets no new key secrets';

export async function createApiKey(
  deps: KeyDeps,
  principal: Principal | null,
  input: {
    partnerId?: string | null;
    name: string;
    environment: KeyEnvironment;
    scopes: readonly string[];
    expiresAt?: Date | null;
    safelistOnly?: boolean;
  },
): Promise<CreatedKey> {
  const caller = requireManagement(principal, 'keys:manage');
  const partnerId = partnerInReach(caller, input.partnerId);
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_KEY_NAME_LENGTH) {
    throw codedError('BAD_USER_INPUT', `name must be 1 to ${MAX_KEY_NAME_LENGTH} characters`, {
      argument: 'name',
    });
  }
  const [partner] = await deps.store.partnersByIds([partnerId]);
  if (!partner) throw codedError('BAD_USER_INPUT', `unknown partner ${partnerId}`, { argument: 'partnerId' });
  refuseIfSuspended(partner, NO_NEW_SECRETS);
  const scopes = await allowedKeyScopes(deps, caller, partner.planId, input.scopes);
  const now = deps.now();
  if (input.expiresAt && input.expiresAt <= now) {
    throw codedError('BAD_USER_INPUT', 'expiresAt must be in the future', { argument: 'expiresAt' });
  }
  if (
    (await deps.store.keysByPartner(partnerId)).filter((key) => !key.revokedAt).length >= MAX_KEYS_PER_PARTNER
  ) {
    throw codedError('BAD_USER_INPUT', `a partner holds at most ${MAX_KEYS_PER_PARTNER} active keys`, {
      argument: 'partnerId',
      limit: MAX_KEYS_PER_PARTNER,
    });
  }
  const secret = generateKey(input.environment);
  const parsed = parseKey(secret)!;
  const key = {
    id: newId('key'),
    partnerId,
    name,
    environment: input.environment,
    prefix: parsed.prefix,
    lastFour: parsed.lastFour,
    scopes,
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
    safelistOnly: input.safelistOnly ?? false,
  };
  await deps.store.createKey({ ...key, hash: hashKey(secret) });
  await audit(deps, caller, {
    partnerId,
    action: 'key.created',
    subject: key.id,
    detail: `"${name}" with ${scopes.join(', ')}${key.safelistOnly ? ', safelisted operations only' : ''}`,
  });
  return { key: { ...key, revokedAt: null, lastUsedAt: null, previousSecretValidUntil: null }, secret };
}

export async function rollApiKey(
  deps: KeyDeps,
  principal: Principal | null,
  id: string,
  graceSeconds = DEFAULT_ROLL_GRACE_SECONDS,
): Promise<CreatedKey> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_ROLL_GRACE_SECONDS) {
    throw codedError('BAD_USER_INPUT', `graceSeconds must be 0 to ${MAX_ROLL_GRACE_SECONDS}`, {
      argument: 'graceSeconds',
      limit: MAX_ROLL_GRACE_SECONDS,
    });
  }
  const key = await ownedKey(deps, principal, id);
  if (key.revokedAt) throw codedError('BAD_USER_INPUT', 'a revoked key cannot be rolled', { argument: 'id' });
  const [partner] = await deps.store.partnersByIds([key.partnerId]);
  if (partner) refuseIfSuspended(partner, NO_NEW_SECRETS);
  const secret = generateKey(key.environment);
  const parsed = parseKey(secret)!;
  const now = deps.now();
  await deps.store.rollKey(
    id,
    { hash: hashKey(secret), prefix: parsed.prefix, lastFour: parsed.lastFour },
    new Date(now.getTime() + graceSeconds * 1000),
  );
  deps.keys.changed({ kind: 'rolled', keyId: id, partnerId: key.partnerId });
  await audit(deps, principal, {
    partnerId: key.partnerId,
    action: 'key.rolled',
    subject: id,
    detail: `"${key.name}", the old secret valid ${graceSeconds} s more`,
  });
  const [rolled] = await deps.store.keysByIds([id]);
  return { key: rolled!, secret };
}

export async function revokeApiKey(
  deps: KeyDeps,
  principal: Principal | null,
  id: string,
): Promise<ApiKeyRecord> {
  const key = await ownedKey(deps, principal, id);
  await deps.store.revokeKey(id, deps.now());
  deps.keys.changed({ kind: 'revoked', keyId: id, partnerId: key.partnerId });
  await audit(deps, principal, {
    partnerId: key.partnerId,
    action: 'key.revoked',
    subject: id,
    detail: `"${key.name}"`,
  });
  const [revoked] = await deps.store.keysByIds([id]);
  return revoked!;
}

/**
 * Changes what a key may do, effective at every gateway within a second: the same rules as at creation
 * (the plan's scopes, and only scopes the editor holds). Its secret stays the same.
 */
export async function updateApiKeyScopes(
  deps: KeyDeps,
  principal: Principal | null,
  id: string,
  requested: readonly string[],
): Promise<ApiKeyRecord> {
  const caller = requireManagement(principal, 'keys:manage');
  const key = await ownedKey(deps, caller, id);
  if (key.revokedAt) {
    throw codedError('BAD_USER_INPUT', 'a revoked key cannot be changed', {
      argument: 'id',
      reason: 'revoked',
    });
  }
  const [partner] = await deps.store.partnersByIds([key.partnerId]);
  if (!partner) throw codedError('NOT_FOUND', `no API key ${id}`, { argument: 'id' });
  const scopes = await allowedKeyScopes(deps, caller, partner.planId, requested);
  if (scopes.join(' ') !== [...key.scopes].sort().join(' ')) {
    await deps.store.setKeyScopes(id, scopes);
    deps.keys.changed({ kind: 'settings-changed', keyId: id, partnerId: key.partnerId });
    await audit(deps, caller, {
      partnerId: key.partnerId,
      action: 'key.scopes-changed',
      subject: id,
      detail: `"${key.name}": ${[...key.scopes].sort().join(', ')} → ${scopes.join(', ')}`,
    });
  }
  const [updated] = await deps.store.keysByIds([id]);
  return updated!;
}

/** Lets a key run only its partner's safelisted operations, or any operation again. */
export async function setApiKeySafelistOnly(
  deps: KeyDeps,
  principal: Principal | null,
  id: string,
  safelistOnly: boolean,
): Promise<ApiKeyRecord> {
  const key = await ownedKey(deps, principal, id);
  if (key.safelistOnly !== safelistOnly) {
    await deps.store.setKeySafelistOnly(id, safelistOnly);
    deps.keys.changed({ kind: 'settings-changed', keyId: id, partnerId: key.partnerId });
    await audit(deps, principal, {
      partnerId: key.partnerId,
      action: 'key.safelist-only-changed',
      subject: id,
      detail: `"${key.name}": ${safelistOnly ? 'safelisted operations only' : 'any operation'}`,
    });
  }
  const [updated] = await deps.store.keysByIds([id]);
  return updated!;
}
