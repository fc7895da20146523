/**
 * What billing answers the gateway on its internal routes. The gateway parses every answer with these
 * schemas before it trusts it: an answer of another shape (a billing of another version, a proxy's error
 * page) is refused as billing being unavailable, never cast into a grant. Fields beyond the schema are
 * dropped.
 */
import { z } from 'zod';
import { SCOPES, type Scope } from './scopes';

/** A scope name the gateway knows; one it does not know is dropped by `knownScopes`, not trusted. */
const scopeList = z
  .array(z.string())
  .transform((scopes) =>
    scopes.filter((scope): scope is Scope => (SCOPES as readonly string[]).includes(scope)),
  );

const count = z.number().int().nonnegative();

/**
 * What a partner's plan allows, as the gateway's rate limits and quotas read it. `overage`: whether
 * operations beyond the monthly quota are served (and invoiced) rather than refused with QUOTA_EXCEEDED.
 */
const PlanLimitsSchema = z.object({
  name: z.string(),
  requestsPerMinute: count,
  costPointsPerMinute: count,
  monthlyQuota: count,
  concurrentSubscriptions: count,
  overage: z.boolean().default(false),
});
export type PlanLimitsAnswer = z.infer<typeof PlanLimitsSchema>;

/** `BILLING_ROUTES.keyLookup`: an API key's grant. */
export const KeyLookupAnswerSchema = z.object({
  keyId: z.string().min(1),
  partnerId: z.string().min(1),
  /** The customer the partner is linked to, whose own data the caller reaches. */
  customerId: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  scopes: scopeList,
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  safelistOnly: z.boolean().default(false),
  plan: PlanLimitsSchema,
});

/** `BILLING_ROUTES.sessionLookup`: a portal session's grant. */
export const SessionLookupAnswerSchema = z.object({
  userId: z.string().min(1),
  sessionId: z.string().min(1),
  partnerId: z.string().min(1).nullable(),
  customerId: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  role: z.enum(['admin', 'developer']),
  scopes: scopeList,
  plan: PlanLimitsSchema.nullable(),
  /** Whether the developer's partner is suspended (its scopes are then billing reads at most). */
  partnerSuspended: z.boolean().default(false),
});

/** `BILLING_ROUTES.sessionRefresh`: the tokens a refresh token was exchanged for (it works once). */
export const SessionTokensAnswerSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SessionTokensAnswer = z.input<typeof SessionTokensAnswerSchema>;

const operation = z.object({ id: z.string().min(1), text: z.string() });

/** `BILLING_ROUTES.safelistLookup`: one partner's safelisted operations. */
export const SafelistLookupAnswerSchema = z.object({ operations: z.array(operation) });

/** `BILLING_ROUTES.safelistOperations`: recent operations of every partner; `truncated` when there are more. */
export const SafelistedOperationsSchema = z.object({
  operations: z.array(operation),
  truncated: z.boolean(),
});
export type SafelistedOperations = z.infer<typeof SafelistedOperationsSchema>;
