/**
 * Rate limits: requests and cost points per window, counted per caller (the API key, or the client's address
 * for anonymous calls) with rate-limiter-flexible, in memory by default and in Redis when the gateway has a
 * `REDIS_URL`, so every gateway replica counts against the same budget. A Redis outage falls back to
 * counting in memory rather than failing the API.
 */
import type { Redis } from 'ioredis';
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

export type RateKind = 'requests' | 'cost';

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

  /** Takes `points` from the caller's budget of `kind`; refused when not enough are left. */
  async take(subject: string, policy: RatePolicy, kind: RateKind, points: number): Promise<RateDecision> {
    const quota = kind === 'requests' ? policy.requests : policy.cost;
    const limiter = this.limiter(policy, kind, quota);
    const state = (result: RateLimiterRes): RateState => ({
      kind,
      quota,
      remaining: Math.max(0, result.remainingPoints),
      resetSeconds: Math.ceil(result.msBeforeNext / 1000),
      windowSeconds: policy.windowSeconds,
    });
    try {
      return { allowed: true, state: state(await limiter.consume(subject, points)) };
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      return {
        allowed: false,
        state: state(outcome),
        retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)),
      };
    }
  }

  private limiter(policy: RatePolicy, kind: RateKind, points: number): RateLimiterAbstract {
    const keyPrefix = `${this.namespace}rate:${policy.name}:${kind}`;
    const id = `${keyPrefix}:${points}:${policy.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = { keyPrefix, points, duration: policy.windowSeconds };
      limiter = this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            insuranceLimiter: new RateLimiterMemory(options),
          })
        : new RateLimiterMemory(options);
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
