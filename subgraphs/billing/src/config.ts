/** The billing service's configuration: the only place it reads the environment. */
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';

export const DEFAULT_PORT = 4003;

/** Secrets that make development work out of the box; production refuses to start with them. */
const DEVELOPMENT_SECRETS = {
  SESSION_SECRET: 'development-session-secret-change-me',
  INTERNAL_TOKEN: 'development-internal-token-change-me',
  ADMIN_PASSWORD: 'meridian-admin-2026!',
} as const;

/** A secret shorter than this is refused: HMAC keys and service tokens must not be guessable. */
export const MIN_SECRET_LENGTH = 24;

/** Revenue the business expects over 30 days, in cents (the dashboard's target line). */
export const DEFAULT_REVENUE_TARGET_CENTS = 50_000_00;

/** VAT on invoices, in basis points (2000 = 20 %). */
export const DEFAULT_TAX_RATE_BASIS_POINTS = 2000;

export interface BillingConfig extends SubgraphConfig {
  /** HMAC key of portal session tokens. */
  readonly sessionSecret: string;
  /** Shared secret the gateway presents on the internal routes (key lookup, usage intake). */
  readonly internalToken: string;
  /** Password of the business team's first admin, created with the demo data. */
  readonly adminPassword: string;
  readonly adminEmail: string;
  readonly revenueTargetCents: number;
  readonly taxRateBasisPoints: number;
}

export function loadConfig(env: Env = process.env): BillingConfig {
  const reader = new EnvReader('billing', env);
  const base = readSubgraphConfig(reader, 'billing', DEFAULT_PORT);
  const secret = (name: keyof typeof DEVELOPMENT_SECRETS): string => {
    const value = reader.optionalString(name);
    if (value === undefined) {
      if (base.mode === 'production') reader.fail(`${name} must be set in production`);
      return DEVELOPMENT_SECRETS[name];
    }
    if (value.length < MIN_SECRET_LENGTH)
      reader.fail(`${name} must be at least ${MIN_SECRET_LENGTH} characters`);
    return value;
  };
  return reader.done({
    ...base,
    sessionSecret: secret('SESSION_SECRET'),
    internalToken: secret('INTERNAL_TOKEN'),
    adminPassword: secret('ADMIN_PASSWORD'),
    adminEmail: reader.string('ADMIN_EMAIL', 'admin@meridian.example'),
    revenueTargetCents: reader.integer('REVENUE_TARGET_CENTS', DEFAULT_REVENUE_TARGET_CENTS, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    }),
    taxRateBasisPoints: reader.integer('TAX_RATE_BASIS_POINTS', DEFAULT_TAX_RATE_BASIS_POINTS, {
      min: 0,
      max: 10_000,
    }),
  });
}
