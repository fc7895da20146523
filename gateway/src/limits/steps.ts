/**
 * The limit steps of the edge pipeline, in the order they run: the operation's shape, its cost, login
 * throttling, then rate limits and the monthly quota. Each refuses with a coded error naming the limit and the
 * value; budgets are taken only from operations every earlier step let through.
 */
import { refusal } from '@meridian/kit/refusals';
import { Kind, valueFromASTUntyped, type FieldNode, type SelectionSetNode } from 'graphql';
import { shapeOf } from '../pipeline';
import type { EdgeOperation, EdgeStep, GatewayContext } from '../request';
import { estimateOperationCost, type CostDirectives, type CostInput } from './cost';
import { checkOperationLimits, type OperationLimits } from './operation-limits';
import { RATE_WINDOW_SECONDS, type RateLimits, type RatePolicy } from './rate-limits';

export interface CostOptions {
  readonly maxCost: number;
  readonly defaultListSize: number;
  readonly maxListSize: number;
  readonly directives: CostDirectives;
}

export function operationLimitsStep(limits: OperationLimits): EdgeStep {
  return {
    check(operation) {
      const violations = checkOperationLimits(shapeOf(operation), limits);
      if (violations.length === 0) return;
      const list = violations.map((v) => `${v.limit} ${v.actual} exceeds ${v.maximum}`).join(', ');
      throw refusal('OPERATION_LIMIT_EXCEEDED', `the operation is too large: ${list}`, { violations });
    },
  };
}

export function costStep(options: CostOptions): EdgeStep {
  return {
    check({ door, context, schema, document, operation, variables }) {
      if (door === 'ingest') return;
      const input: CostInput = {
        schema,
        document,
        operation,
        variables,
        directives: options.directives,
        defaultListSize: options.defaultListSize,
        maxListSize: options.maxListSize,
      };
      const estimate = estimateOperationCost(input);
      if (estimate.violations.length > 0) {
        const list = estimate.violations
          .map((v) => `${v.field}(${v.argument}: ${JSON.stringify(v.value)})`)
          .join(', ');
        throw refusal(
          'BAD_USER_INPUT',
          `a list size must be a whole number from 0 to ${options.maxListSize}: ${list}`,
          { violations: estimate.violations },
        );
      }
      context.ledger.costInput = input;
      context.ledger.estimatedCost = estimate.cost;
      if (estimate.cost > options.maxCost) {
        throw refusal(
          'COST_LIMIT_EXCEEDED',
          `the operation's estimated cost is ${estimate.cost}; the limit is ${options.maxCost}`,
          { estimated: estimate.cost, limit: options.maxCost },
        );
      }
    },
  };
}

/** Who a budget belongs to: the key, else the signed-in user, else the client's address. */
export function rateSubject(context: GatewayContext): string {
  const { keyId, userId } = context.principal;
  if (keyId) return `key:${keyId}`;
  if (userId) return `user:${userId}`;
  return `ip:${context.clientAddress}`;
}

export interface LoginThrottle {
  /** Attempts one client address may make per minute, whatever the accounts. */
  readonly attemptsPerAddress: number;
  /** Failed attempts one account may have per window before it is locked until the window ends. */
  readonly failuresPerAccount: number;
  readonly failureWindowSeconds: number;
}

/**
 * The mutations that sign in or act on an account without credentials, which have budgets of their own:
 * each counts as a sign-in attempt of the client address (so the reset and access forms cannot be used to
 * flood mailboxes or the business team), and the account named by `email` must not be locked.
 */
const LOGIN_FIELDS: ReadonlySet<string> = new Set(['login', 'requestPasswordReset', 'requestAccess']);

/**
 * The fields at the root of a mutation, with inline fragments and fragment spreads flattened, so that a
 * `login` hidden in a fragment or repeated under aliases is seen.
 */
function rootFields(operation: EdgeOperation): FieldNode[] {
  if (operation.operation.operation !== 'mutation') return [];
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of operation.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition.selectionSet);
    }
  }
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        // Each fragment once: a root selection set is small, and the shape limits have bounded it already.
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment);
      }
    }
  };
  visit(operation.operation.selectionSet);
  return fields;
}

const loginFields = (operation: EdgeOperation) =>
  rootFields(operation).filter((field) => LOGIN_FIELDS.has(field.name.value));

/**
 * Login throttling: attempts per client address, and failures per account (counted by the door once the
 * answer is known, `recordLoginFailure`). An account with too many recent failures is refused before its
 * password is checked, so guessing it stops at a few tries per window; a success does not reset the count.
 * A `login` never spends an API key's or the anonymous budget: it has these instead.
 */
export function loginThrottleStep(limits: RateLimits, throttle: LoginThrottle): EdgeStep {
  return {
    check(operation) {
      // Anything but a sign-in is let through at once, without a turn of the event loop.
      const logins = loginFields(operation);
      return logins.length === 0 ? undefined : throttleLogin(operation, logins);
    },
  };

  async function throttleLogin(operation: EdgeOperation, logins: readonly FieldNode[]): Promise<void> {
    if (logins.length > 1) {
      // Aliases would make one request many guesses, each past the throttle.
      throw refusal('BAD_REQUEST', 'an operation may sign in once: send one login field', {
        limit: 'logins',
        maximum: 1,
        actual: logins.length,
      });
    }
    const field = logins[0]!;
    const { context } = operation;
    const emailArgument = field.arguments?.find((arg) => arg.name.value === 'email');
    const email = emailArgument ? valueFromASTUntyped(emailArgument.value, operation.variables) : undefined;
    const account = typeof email === 'string' ? email.trim().toLowerCase() : '';
    const attempt = await limits.takeOwn(
      'login-attempts',
      context.clientAddress,
      throttle.attemptsPerAddress,
      RATE_WINDOW_SECONDS,
    );
    if (!attempt.allowed) {
      throw refusal(
        'RATE_LIMITED',
        `too many sign-in attempts from this address; retry in ${attempt.retryAfterSeconds} s`,
        { limit: 'login-attempts', retryAfter: attempt.retryAfterSeconds },
      );
    }
    const failures = await limits.peekOwn(
      'login-failures',
      account,
      throttle.failuresPerAccount,
      throttle.failureWindowSeconds,
    );
    if (failures.used >= throttle.failuresPerAccount) {
      throw refusal(
        'RATE_LIMITED',
        `too many failed sign-ins for this account; retry in ${failures.resetSeconds} s`,
        { limit: 'login-failures', retryAfter: failures.resetSeconds },
      );
    }
    // Only a wrong password counts against the account: a refused reset request must not lock its owner out.
    if (field.name.value === 'login') context.ledger.loginAccount = account;
  }
}

export async function recordLoginFailure(
  limits: RateLimits,
  throttle: LoginThrottle,
  account: string,
): Promise<void> {
  await limits.takeOwn('login-failures', account, throttle.failuresPerAccount, throttle.failureWindowSeconds);
}

export interface RateLimitOptions {
  readonly limits: RateLimits;
  /** The policy that applies to a caller (its plan's, or the anonymous one). */
  readonly policyFor: (context: GatewayContext) => RatePolicy;
  /**
   * Operations a partner's portal sessions may make each month without spending its quota: the console's
   * own pages. Beyond it, session calls are charged like calls with a key, so a script holding a session
   * token gets no unmetered API.
   */
  readonly portalAllowance: number;
}

/** A call made by a signed-in portal user rather than with an API key. */
function isPortalSession(context: GatewayContext): boolean {
  return context.principal.keyId === undefined && context.principal.userId !== undefined;
}

/**
 * Rate limits and quota: one request and the operation's estimated cost points from the caller's budget, then
 * one operation from its partner's monthly quota, so an operation refused by a rate limit spends no quota.
 * Beyond the quota, a plan with overage keeps being served (billing invoices the extra operations); one
 * without is refused with QUOTA_EXCEEDED. A portal session's operations come from its partner's portal
 * allowance first and spend no quota while it lasts. Bulk ingest takes a request here; its readings and bytes
 * have budgets of their own, taken by its door.
 */
export function rateLimitStep(options: RateLimitOptions): EdgeStep {
  return {
    async check(operation) {
      const { context, door } = operation;
      const fields = rootFields(operation);
      if (fields.length === 1 && LOGIN_FIELDS.has(fields[0]!.name.value)) return;
      const states = (context.ledger.rateStates ??= []);
      const policy = options.policyFor(context);
      const takes: { kind: 'requests' | 'cost'; points: number }[] = [{ kind: 'requests', points: 1 }];
      const cost = context.ledger.estimatedCost;
      if (cost) takes.push({ kind: 'cost', points: cost });
      for (const { kind, points } of takes) {
        const decision = await options.limits.take(rateSubject(context), policy, kind, points);
        states.push(decision.state);
        if (decision.state.kind === 'cost') context.ledger.costRemaining = decision.state.remaining;
        if (!decision.allowed) {
          const what = kind === 'requests' ? 'requests' : 'cost points';
          throw refusal(
            'RATE_LIMITED',
            `too many ${what}: the limit is ${decision.state.quota} per ${policy.windowSeconds} s; retry in ${decision.retryAfterSeconds} s`,
            { limit: kind, retryAfter: decision.retryAfterSeconds },
          );
        }
      }
      const { plan } = context;
      const partnerId = context.principal.partnerId;
      if (!plan || !partnerId || door === 'ingest') return;
      if (isPortalSession(context) && options.portalAllowance > 0) {
        const free = await options.limits.takeMonthly(partnerId, options.portalAllowance, 'portal');
        if (free.allowed) return;
      }
      const decision = await options.limits.takeMonthly(partnerId, plan.monthlyQuota);
      states.push(decision.state);
      if (!decision.allowed && !plan.overage) {
        throw refusal(
          'QUOTA_EXCEEDED',
          `the monthly quota of ${decision.state.quota} operations is used up and the plan has no overage; it renews in ${decision.retryAfterSeconds} s`,
          { retryAfter: decision.retryAfterSeconds },
        );
      }
      context.ledger.overage = !decision.allowed;
      context.ledger.metered = true;
    },
  };
}

/**
 * Charges what an answer cost beyond its estimate (a list longer than estimated) to the cost budget; an answer
 * within its estimate owes nothing and is settled at once (undefined rather than a promise).
 */
export function chargeActualCost(
  options: RateLimitOptions,
  context: GatewayContext,
): Promise<void> | undefined {
  const { estimatedCost = 0, actualCost } = context.ledger;
  if (actualCost === undefined || actualCost <= estimatedCost) return undefined;
  return chargeBeyondEstimate(options, context, actualCost - estimatedCost);
}

async function chargeBeyondEstimate(
  options: RateLimitOptions,
  context: GatewayContext,
  points: number,
): Promise<void> {
  const decision = await options.limits.take(
    rateSubject(context),
    options.policyFor(context),
    'cost',
    points,
  );
  context.ledger.costRemaining = decision.state.remaining;
  const states = context.ledger.rateStates;
  if (!states) return;
  const at = states.findIndex((state) => state.kind === 'cost');
  if (at >= 0) states[at] = decision.state;
  else states.push(decision.state);
}
