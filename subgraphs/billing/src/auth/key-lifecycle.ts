/**
 * An API key's life: created (the secret is returned once), rolled with a grace period for the old secret,
 * its scopes or its safelist setting changed, revoked. Each change is checked against who asks, written,
 * announced to the key caches and recorded in the audit log.
 */
import { codedError } from '@meridian/schema';
import { generateKey, hashKey, newId, parseKey, type KeyEnvironment } from '@meridian/kit';
import type { ApiKeyRecord, BillingStore } from '../store';
import { audit } from './audit';
import type { KeyDirectory } from './key-directory';
import { allowedKeyScopes } from './key-scopes';
import { partnerInReach, requireManagement, type Principal } from './principal';
import { refuseIfSuspended } from './suspension';

const DEFAULT_ROLL_GRACE_SECONDS = 24 * 60 * 60;
const MAX_ROLL_GRACE_SECONDS = 7 * 24 * 60 * 60;
const MAX_KEY_NAME_LENGTH = 100;
const MAX_KEYS_PER_PARTNER = 100;

export interface CreatedKey {
  readonly key: ApiKeyRecord;
  /** The whole key; never stored, never shown again. */
  readonly secret: string;
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

/** A new secret for a key and what the store keeps of it: the hash, and the prefix and last four shown. */
function mintSecret(environment: KeyEnvironment) {
  const secret = generateKey(environment);
  const parsed = parseKey(secret)!;
  return { secret, hash: hashKey(secret), prefix: parsed.prefix, lastFour: parsed.lastFour };
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
  const scopes = await allowedKeyScopes(deps.store, caller, partner.planId, input.scopes);
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
  const { secret, hash, prefix, lastFour } = mintSecret(input.environment);
  const key = {
    id: newId('key'),
    partnerId,
    name,
    environment: input.environment,
    prefix,
    lastFour,
    scopes,
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
    safelistOnly: input.safelistOnly ?? false,
  };
  await deps.store.createKey({ ...key, hash });
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
  const { secret, ...stored } = mintSecret(key.environment);
  const now = deps.now();
  await deps.store.rollKey(id, stored, new Date(now.getTime() + graceSeconds * 1000));
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
  const scopes = await allowedKeyScopes(deps.store, caller, partner.planId, requested);
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
