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

export type RateKind =
  'requests' | 'cost' | 'quota' | 'readings' | 'bytes' | 'key-lookups' | 'login-attempts' | 'login-failures';

/** Every budget is per minute. */
export const RATE_WINDOW_SECONDS = 60;
/** How long a monthly counter is kept: past the end of any month it counts. */
const MONTH_KEY_SECONDS = 32 * 24 * 3600;
/**
 * The longest expiry the in-memory counters can keep: they expire with a Node timer, which holds at most
 * 2^31 - 1 ms and fires at once when given more, forgetting the count. Longer-lived counters (the monthly
 * one, keyed by its month) are kept in memory without an expiry instead.
 */
const MAX_MEMORY_EXPIRY_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Policies of the plans in use, made once per plan object (a key's cached grant keeps its plan). */
const planPolicies = new WeakMap<PlanLimits, RatePolicy>();

/** The rate policy of a plan; its name and numbers key the counters, so a plan change applies at once. */
export function planRate(plan: PlanLimits): RatePolicy {
  let policy = planPolicies.get(plan);
  if (!policy) {
    policy = {
      name: `plan-${plan.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      requests: plan.requestsPerMinute,
      cost: plan.costPointsPerMinute,
      windowSeconds: RATE_WINDOW_SECONDS,
    };
    planPolicies.set(plan, policy);
  }
  return policy;
}

/**
 * Bulk ingest (`POST /ingest/telemetry`) has budgets of its own, so a stream of readings never uses up the
 * cost points a partner's queries need: readings written and request bytes per window, beside the request
 * budget it shares with GraphQL. They are derived from the GraphQL cost budget here, and only here, so every
 * plan (and the anonymous policy) gets them without plan fields of their own: a reading is a thousandth of a
 * cost point, and each reading may take 100 bytes (an NDJSON reading is about 80; binary frames far less).
 */
const READINGS_PER_COST_POINT = 1_000;
const INGEST_BYTES_PER_READING = 100;

export interface IngestPolicy {
  /** The rate policy the budgets derive from; its request budget is shared with GraphQL. */
  readonly base: RatePolicy;
  readonly readings: number;
  readonly bytes: number;
}

export function ingestPolicy(base: RatePolicy): IngestPolicy {
  const readings = base.cost * READINGS_PER_COST_POINT;
  return { base, readings, bytes: readings * INGEST_BYTES_PER_READING };
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

/** A UTC calendar month: its label (`2026-11`), when it starts and when the next one does (ms). */
interface CalendarMonth {
  readonly label: string;
  readonly start: number;
  readonly next: number;
}

let lastMonth: CalendarMonth | undefined;

/** The calendar month a moment falls in; worked out once a month rather than on every request. */
function calendarMonth(at: number): CalendarMonth {
  if (lastMonth && at >= lastMonth.start && at < lastMonth.next) return lastMonth;
  const date = new Date(at);
  lastMonth = {
    label: date.toISOString().slice(0, 7),
    start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1),
    next: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1),
  };
  return lastMonth;
}

export class RateLimits {
  private readonly limiters = new Map<string, Map<number, Map<number, RateLimiterAbstract>>>();

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

  /** The same for bulk ingest's readings and bytes; `points` 0 reads where the caller stands. */
  takeIngest(
    subject: string,
    policy: IngestPolicy,
    kind: 'readings' | 'bytes',
    points: number,
  ): Promise<RateDecision> {
    const { base } = policy;
    return this.consume(
      `${base.name}:ingest-${kind}`,
      subject,
      policy[kind],
      base.windowSeconds,
      kind,
      points,
    );
  }

  /** Takes `points` from a budget of the edge's own (login attempts, unknown-key lookups). */
  takeOwn(
    kind: 'key-lookups' | 'login-attempts' | 'login-failures',
    subject: string,
    quota: number,
    windowSeconds: number,
    points = 1,
  ): Promise<RateDecision> {
    return this.consume(`edge:${kind}`, subject, quota, windowSeconds, kind, points);
  }

  /** Where a subject stands in one of those budgets, without taking from it. */
  async peekOwn(
    kind: 'key-lookups' | 'login-attempts' | 'login-failures',
    subject: string,
    quota: number,
    windowSeconds: number,
  ): Promise<{ readonly used: number; readonly resetSeconds: number }> {
    const limiter = this.limiter(`edge:${kind}`, quota, windowSeconds);
    const result = await limiter.get(subject);
    return result
      ? { used: result.consumedPoints, resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) }
      : { used: 0, resetSeconds: 0 };
  }

  /**
   * Takes one operation from the partner's monthly quota. The counter is keyed by the calendar month (UTC),
   * so it starts again at zero on the first of the month. Operations beyond the quota are refused here but
   * still counted; the caller decides whether they are served as overage.
   */
  async takeMonthly(
    partnerId: string,
    monthlyQuota: number,
    budget: 'quota' | 'portal' = 'quota',
    now?: Date,
  ): Promise<RateDecision> {
    const at = now?.getTime() ?? Date.now();
    const month = calendarMonth(at);
    const untilNextMonth = Math.ceil((month.next - at) / 1000);
    const decision = await this.consume(
      budget === 'quota' ? 'monthly' : 'portal-monthly',
      `${partnerId}:${month.label}`,
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

  private consume(
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
    // The limiter's promise, continued: a take is on every request's path, and an async function around it
    // would add a promise and a turn of the microtask queue.
    return limiter.consume(subject, points).then(
      (result): RateDecision => ({ allowed: true, state: state(result) }),
      (outcome: unknown): RateDecision => {
        if (!(outcome instanceof RateLimiterRes)) throw outcome;
        const retryAfterSeconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
        return { allowed: false, state: state(outcome), retryAfterSeconds };
      },
    );
  }

  private limiter(name: string, points: number, duration: number): RateLimiterAbstract {
    // By name, then by points and duration: a lookup builds no string.
    let byPoints = this.limiters.get(name);
    if (!byPoints) {
      byPoints = new Map();
      this.limiters.set(name, byPoints);
    }
    let byDuration = byPoints.get(points);
    if (!byDuration) {
      byDuration = new Map();
      byPoints.set(points, byDuration);
    }
    let limiter = byDuration.get(duration);
    if (!limiter) {
      const keyPrefix = `${this.namespace}rate:${name}`;
      const options = { keyPrefix, points, duration };
      const inMemory = { ...options, duration: duration > MAX_MEMORY_EXPIRY_SECONDS ? 0 : duration };
      limiter = this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            insuranceLimiter: new RateLimiterMemory(inMemory),
          })
        : new RateLimiterMemory(inMemory);
      byDuration.set(duration, limiter);
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
