/** The billing service's configuration: the only place it reads the environment. */
import crypto from 'node:crypto';
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';

export const DEFAULT_PORT = 4003;

/** The first admin's password on a development platform, so the portal works out of the box. */
export const DEVELOPMENT_ADMIN_PASSWORD = 'meridian-admin-2026!';
export const DEFAULT_ADMIN_EMAIL = 'admin@meridian.example';

/** A secret shorter than this is refused: HMAC keys must not be guessable. */
export const MIN_SECRET_LENGTH = 32;

/** What the session key is derived for when `SESSION_SECRET` is unset (HKDF info). */
const SESSION_KEY_INFO = 'meridian billing portal sessions';

/** Revenue the business expects over 30 days, in cents (the dashboard's target line). */
export const DEFAULT_REVENUE_TARGET_CENTS = 50_000_00;

/** VAT on invoices, in basis points (2000 = 20 %). */
export const DEFAULT_TAX_RATE_BASIS_POINTS = 2000;

/** How often billing checks that every partner has a draft invoice for the month just ended. */
export const DEFAULT_INVOICE_DRAFTS_EVERY_MS = 3_600_000;

export interface BillingConfig extends SubgraphConfig {
  /** HMAC key of portal session tokens: `SESSION_SECRET`, or derived from the principal secret. */
  readonly sessionSecret: string;
  /**
   * Password of the business team's first admin, created with the demo data; without one (production
   * with no `ADMIN_PASSWORD`) no admin is created.
   */
  readonly adminPassword: string | undefined;
  readonly adminEmail: string;
  readonly revenueTargetCents: number;
  readonly taxRateBasisPoints: number;
  /** `INVOICE_DRAFTS_EVERY_MS`: how often last month's drafts are prepared; 0 leaves it to the admins. */
  readonly invoiceDraftsEveryMs: number;
}

export function loadConfig(env: Env = process.env): BillingConfig {
  const reader = new EnvReader('billing', env);
  const base = readSubgraphConfig(reader, 'billing', DEFAULT_PORT);
  const sessionSecret = reader.optionalString('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < MIN_SECRET_LENGTH) {
    reader.fail(`SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  const adminPassword = reader.optionalString('ADMIN_PASSWORD');
  return reader.done({
    ...base,
    // One secret fewer to deploy: a key derived from the principal secret, useless for signing principals.
    sessionSecret:
      sessionSecret ??
      Buffer.from(crypto.hkdfSync('sha256', base.principalSecret, '', SESSION_KEY_INFO, 32)).toString('hex'),
    adminPassword: adminPassword ?? (base.mode === 'development' ? DEVELOPMENT_ADMIN_PASSWORD : undefined),
    adminEmail: reader.string('ADMIN_EMAIL', DEFAULT_ADMIN_EMAIL),
    revenueTargetCents: reader.integer('REVENUE_TARGET_CENTS', DEFAULT_REVENUE_TARGET_CENTS, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    }),
    taxRateBasisPoints: reader.integer('TAX_RATE_BASIS_POINTS', DEFAULT_TAX_RATE_BASIS_POINTS, {
      min: 0,
      max: 10_000,
    }),
    invoiceDraftsEveryMs: reader.integer('INVOICE_DRAFTS_EVERY_MS', DEFAULT_INVOICE_DRAFTS_EVERY_MS, {
      min: 0,
      max: 2 ** 31 - 1,
    }),
  });
}
