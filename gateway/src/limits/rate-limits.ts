/**
 * Rate limits: requests and cost points per window, counted per caller (the API key, or the client's address
 * for anonymous calls) with rate-limiter-flexible, in memory by default and in Redis when the gateway has a
 * `REDIS_URL`, so every gateway replica counts against the same budget. A Redis outage falls back to
 * counting in memory rather than failing the API.
 */
import type { Redis } from 'ioredis';
import type { PlanLimits } from '../auth/identity';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

export interface RatePolicy {
  /** Names the policy in `RateLimit-Policy`, e.g. the plan. */
  readonly name: string;
  readonly requests: number;
  readonly cost: number;
  readonly windowSeconds: number;
}

export type RateKind = 'requests' | 'cost' | 'quota';

/** Every budget is per minute. */
export const RATE_WINDOW_SECONDS = 60;
/** How long a monthly counter is kept: past the end of any month it counts. */
const MONTH_KEY_SECONDS = 32 * 24 * 3600;
/**
 * The longest expiry an in-memory counter can have: it is a `setTimeout`, and Node fires a longer one after
 * 1 ms, which would forget a monthly count at once. Longer counters are kept in memory without expiry
 * instead; the monthly ones are keyed by their month, so one is left per partner and month.
 */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** The rate policy of a plan; its name and numbers key the counters, so a plan change applies at once. */
export function planRate(plan: PlanLimits): RatePolicy {
  return {
    name: `plan-${plan.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    requests: plan.requestsPerMinute,
    cost: plan.costPointsPerMinute,
    windowSeconds: RATE_WINDOW_SECONDS,
  };
}

export interface RateState {
  readonly kind: RateKind;
  readonly quota: number;
  readonly remaining: number;
  readonly resetSeconds: number;
  readonly windowSeconds: number;
}

export type RateDecision =
  | { readonly allowed: true; readonly state: RateState }
  | { readonly allowed: false; readonly state: RateState; readonly retryAfterSeconds: number };

export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  /** `namespace` keeps the counters of deployments that share one Redis apart. */
  constructor(
    private readonly namespace: string,
    private readonly redis?: Redis,
  ) {}

  /** Takes `points` from the caller's per-window budget of `kind`; refused when not enough are left. */
  take(
    subject: string,
    policy: RatePolicy,
    kind: 'requests' | 'cost',
    points: number,
  ): Promise<RateDecision> {
    const quota = kind === 'requests' ? policy.requests : policy.cost;
    return this.consume(`${policy.name}:${kind}`, subject, quota, policy.windowSeconds, kind, points);
  }

  /**
   * Takes one operation from the partner's monthly quota. The counter is keyed by the calendar month (UTC),
   * so it starts again at zero on the first of the month.
   */
  async takeMonthly(partnerId: string, monthlyQuota: number, now = new Date()): Promise<RateDecision> {
    const month = now.toISOString().slice(0, 7);
    const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    const untilNextMonth = Math.ceil((nextMonth - now.getTime()) / 1000);
    const decision = await this.consume(
      'monthly',
      `${partnerId}:${month}`,
      monthlyQuota,
      MONTH_KEY_SECONDS,
      'quota',
      1,
    );
    const state = { ...decision.state, resetSeconds: untilNextMonth, windowSeconds: untilNextMonth };
    return decision.allowed
      ? { allowed: true, state }
      : { allowed: false, state, retryAfterSeconds: untilNextMonth };
  }

  private async consume(
    name: string,
    subject: string,
    quota: number,
    windowSeconds: number,
    kind: RateKind,
    points: number,
  ): Promise<RateDecision> {
    const limiter = this.limiter(name, quota, windowSeconds);
    const state = (result: RateLimiterRes): RateState => ({
      kind,
      quota,
      remaining: Math.max(0, result.remainingPoints),
      resetSeconds: Math.ceil(result.msBeforeNext / 1000),
      windowSeconds,
    });
    try {
      return { allowed: true, state: state(await limiter.consume(subject, points)) };
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      const retryAfterSeconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
      return { allowed: false, state: state(outcome), retryAfterSeconds };
    }
  }

  private limiter(name: string, points: number, duration: number): RateLimiterAbstract {
    const keyPrefix = `${this.namespace}rate:${name}`;
    const id = `${keyPrefix}:${points}:${duration}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = { keyPrefix, points, duration };
      const inMemory = { ...options, duration: duration > MAX_TIMER_SECONDS ? 0 : duration };
      limiter = this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            insuranceLimiter: new RateLimiterMemory(inMemory),
          })
        : new RateLimiterMemory(inMemory);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/** `RateLimit-Policy` and `RateLimit` header values (IETF httpapi rate-limit headers draft). */
export function rateLimitHeaders(states: readonly RateState[]): { policy: string; limit: string } {
  return {
    policy: states.map((s) => `"${s.kind}";q=${s.quota};w=${s.windowSeconds}`).join(', '),
    limit: states.map((s) => `"${s.kind}";r=${s.remaining};t=${s.resetSeconds}`).join(', '),
  };
}
