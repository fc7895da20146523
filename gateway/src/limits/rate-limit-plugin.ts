/**
 * The rate-limit step of the request pipeline: one request and the operation's estimated cost points are
 * taken from the caller's budget once the operation passed its limits. Over budget → 429 with `Retry-After`
 * and RATE_LIMITED. Every response says where the caller stands in `RateLimit-Policy` and `RateLimit`.
 *
 * A partner's operation is also taken from its plan's monthly quota. Beyond the quota, a plan with overage
 * keeps being served (billing invoices the extra operations) and the answer says so in `extensions.quota`;
 * a plan without overage is refused with 429 and QUOTA_EXCEEDED.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { codedError } from '@meridian/schema';
import type { GatewayContext } from '../context';
import { rateLimitHeaders, type RateLimits, type RatePolicy, type RateState } from './rate-limits';

export interface RateLimitPluginOptions {
  readonly limits: RateLimits;
  /** The policy that applies to a caller (its plan's, or the anonymous one). */
  readonly policyFor: (context: GatewayContext) => RatePolicy;
}

/** `extensions.quota` of an operation served beyond the monthly quota, billed as overage. */
export interface QuotaExtension {
  readonly overage: true;
}

/** Who a budget belongs to: the key when there is one, else the client's address. */
export function rateSubject(context: GatewayContext): string {
  return context.principal.keyId ? `key:${context.principal.keyId}` : `ip:${context.clientAddress}`;
}

export function rateLimitPlugin(options: RateLimitPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const states: RateState[] = [];
      let overage = false;
      return {
        async didResolveOperation({ contextValue }) {
          const policy = options.policyFor(contextValue);
          const subject = rateSubject(contextValue);
          const takes: { kind: 'requests' | 'cost'; points: number }[] = [{ kind: 'requests', points: 1 }];
          const cost = contextValue.ledger.estimatedCost;
          if (cost) takes.push({ kind: 'cost', points: cost });
          const { plan } = contextValue;
          if (plan && contextValue.principal.partnerId) {
            const decision = await options.limits.takeMonthly(
              contextValue.principal.partnerId,
              plan.monthlyQuota,
            );
            states.push(decision.state);
            if (!decision.allowed && !plan.overage) {
              throw codedError(
                'QUOTA_EXCEEDED',
                `the monthly quota of ${decision.state.quota} operations is used up and the plan has no overage; it renews in ${decision.retryAfterSeconds} s`,
                {
                  retryAfter: decision.retryAfterSeconds,
                  http: {
                    status: 429,
                    headers: new Map([['retry-after', String(decision.retryAfterSeconds)]]),
                  },
                },
              );
            }
            overage = !decision.allowed;
          }
          for (const { kind, points } of takes) {
            const decision = await options.limits.take(subject, policy, kind, points);
            states.push(decision.state);
            if (decision.state.kind === 'cost') contextValue.ledger.costRemaining = decision.state.remaining;
            if (!decision.allowed) {
              const what = kind === 'requests' ? 'requests' : 'cost points';
              throw codedError(
                'RATE_LIMITED',
                `too many ${what}: the limit is ${decision.state.quota} per ${policy.windowSeconds} s; retry in ${decision.retryAfterSeconds} s`,
                {
                  limit: kind,
                  retryAfter: decision.retryAfterSeconds,
                  http: {
                    status: 429,
                    headers: new Map([['retry-after', String(decision.retryAfterSeconds)]]),
                  },
                },
              );
            }
          }
        },
        async willSendResponse({ response }) {
          if (overage && response.body.kind === 'single') {
            const quota: QuotaExtension = { overage: true };
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, quota };
          }
          if (states.length === 0) return;
          const headers = rateLimitHeaders(states);
          response.http.headers.set('ratelimit-policy', headers.policy);
          response.http.headers.set('ratelimit', headers.limit);
        },
      };
    },
  };
}
