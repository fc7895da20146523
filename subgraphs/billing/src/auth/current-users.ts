/**
 * The role and partner a portal user has now. An access token and the gateway's signed header both say what
 * the user was when they signed in; billing decides with the user's row as it stands, so a user who was
 * demoted, moved to another partner or deleted loses what they had at once, not when their token expires.
 * Rows are remembered for a moment (a signed-in console makes several calls a second) and forgotten as soon
 * as billing changes them.
 */
import { LRUCache } from 'lru-cache';
import type { BillingStore, UserRecord } from '../store';
import type { Principal, Role } from './principal';

/** How long a user's row is trusted without reading it again, in milliseconds. */
const CURRENT_USER_TTL_MS = 2_000;
const MAX_USERS = 10_000;

export interface CurrentUser {
  readonly role: Role;
  readonly partnerId: string | null;
}

/**
 * What a user's row grants now: their role and partner; undefined when the row is gone, or names a developer
 * of no partner (who may do nothing).
 */
export function standingOf(user: UserRecord | undefined): CurrentUser | undefined {
  if (!user || (user.role === 'developer' && !user.partnerId)) return undefined;
  return { role: user.role, partnerId: user.role === 'admin' ? null : user.partnerId };
}

export class CurrentUsers {
  private readonly cache: LRUCache<string, CurrentUser | 'gone'>;

  constructor(
    private readonly store: Pick<BillingStore, 'usersByIds'>,
    ttlMs = CURRENT_USER_TTL_MS,
  ) {
    this.cache = new LRUCache({ max: MAX_USERS, ttl: ttlMs });
  }

  /** The user's current role and partner, or undefined when the user no longer exists or may do nothing. */
  async of(userId: string): Promise<CurrentUser | undefined> {
    let known = this.cache.get(userId);
    if (known === undefined) {
      const [user] = await this.store.usersByIds([userId]);
      known = standingOf(user) ?? 'gone';
      this.cache.set(userId, known);
    }
    return known === 'gone' ? undefined : known;
  }

  /** Billing changed the user: the next call reads the row again. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  /**
   * A portal user's principal with the role and partner the user has now; null when the user is gone or
   * belongs to no partner while not an admin. Calls with an API key are returned as they are.
   */
  async current(principal: Principal | null): Promise<Principal | null> {
    if (!principal?.userId) return principal;
    const user = await this.of(principal.userId);
    return user ? { ...principal, ...user } : null;
  }
}
