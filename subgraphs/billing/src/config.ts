/** The billing service's configuration: the only place it reads the environment. */
import crypto from 'node:crypto';
import { EnvReader, readSubgraphConfig, type Env, type SubgraphConfig } from '@meridian/kit';
import { checkParty, type InvoiceParty } from './invoices/parties';

const DEFAULT_PORT = 4003;

/** The first admin's password on a development platform, so the portal works out of the box. */
export const DEVELOPMENT_ADMIN_PASSWORD = 'meridian-admin-2026!';
export const DEFAULT_ADMIN_EMAIL = 'admin@meridian.example';

/** A secret shorter than this is refused: HMAC keys must not be guessable. */
const MIN_SECRET_LENGTH = 32;

/** What the session key is derived for when `SESSION_SECRET` is unset (HKDF info). */
const SESSION_KEY_INFO = 'meridian billing portal sessions';

/** Revenue the business expects over 30 days, in cents (the dashboard's target line). */
const DEFAULT_REVENUE_TARGET_CENTS = 50_000_00;

/** The currency of plans, invoices and every figure of the API business's dashboards (ISO 4217). */
export const DEFAULT_CURRENCY = 'EUR';

/** Net invoiced revenue the business expects over 30 days, in cents of `CURRENCY` (the business dashboard's target). */
const DEFAULT_BUSINESS_REVENUE_TARGET_CENTS = 15_000_00;

/** A partner past this share of its monthly quota shows on the business dashboard's quota watch, in percent. */
const DEFAULT_QUOTA_WATCH_PERCENT = 80;

/** VAT on invoices, in basis points (2000 = 20 %). */
const DEFAULT_TAX_RATE_BASIS_POINTS = 2000;

/** Days from an invoice's issue to its due date, unless `PAYMENT_TERMS_DAYS` says otherwise. */
const DEFAULT_PAYMENT_TERMS_DAYS = 30;
/** The longest payment terms accepted: a year. */
const MAX_PAYMENT_TERMS_DAYS = 365;

/** What starts every invoice number, `MER-2026-0001`, unless `INVOICE_NUMBER_PREFIX` says otherwise. */
const DEFAULT_INVOICE_NUMBER_PREFIX = 'MER';

/**
 * The seller printed on every invoice, for a development platform; production sets its own through
 * `SELLER_NAME`, `SELLER_ADDRESS` (lines separated by `|`), `SELLER_COUNTRY`, `SELLER_VAT_ID` and `SELLER_EMAIL`.
 */
const DEVELOPMENT_SELLER: InvoiceParty = {
  name: 'Meridian Data Ltd',
  addressLines: ['1 Example Street', 'London EC1A 1AA'],
  country: 'GB',
  vatId: 'GB123456789',
  email: 'billing@meridian.example',
};

/** How often billing checks that every partner has a draft invoice for the month just ended. */
const DEFAULT_INVOICE_DRAFTS_EVERY_MS = 3_600_000;

/** The gateway's default address, which serves the portal. */
const DEFAULT_PORTAL_URL = 'http://localhost:4000';
const DEFAULT_ACCOUNT_REQUESTS_PER_HOUR = 5;
/** How long the request log keeps an entry, in days. */
const DEFAULT_REQUEST_LOG_RETENTION_DAYS = 7;

/** The most request log entries kept per key: one partner's flood cannot grow the log without bound. */
const DEFAULT_REQUEST_LOG_MAX_PER_KEY = 10_000;

/** How often old and surplus request log entries are pruned. */
const DEFAULT_REQUEST_LOG_PRUNE_EVERY_MS = 60_000;

export interface BillingConfig extends SubgraphConfig {
  /** HMAC key of portal session tokens: `SESSION_SECRET`, or derived from the principal secret. */
  readonly sessionSecret: string;
  /**
   * Password of the business team's first admin, created with the demo data; without one (production
   * with no `ADMIN_PASSWORD`) no admin is created.
   */
  readonly adminPassword: string | undefined;
  readonly adminEmail: string;
  /** The shop sample's 30-day target (`REVENUE_TARGET_CENTS`), in US cents like the sample's orders. */
  readonly revenueTargetCents: number;
  /** `CURRENCY`: what plans and invoices are priced in, and what the API business's dashboards show. */
  readonly currency: string;
  /** `BUSINESS_REVENUE_TARGET_CENTS`: the API business's net invoiced revenue target over 30 days. */
  readonly businessRevenueTargetCents: number;
  /**
   * `DEMO_HISTORY` (`on`/`off`): give the demo partners past months of usage and issued invoices, so the
   * business dashboards of a fresh `npm start` have figures. On by default only for `NODE_ENV=development`
   * (or unset); tests (`NODE_ENV=test`) start without it unless they ask; refused in production.
   */
  readonly demoHistory: boolean;
  /** `QUOTA_WATCH_PERCENT`: the share of its monthly quota from which a partner is on the quota watch. */
  readonly quotaWatchPercent: number;
  readonly taxRateBasisPoints: number;
  /** `PAYMENT_TERMS_DAYS`: an invoice is due this many days after its issue. */
  readonly paymentTermsDays: number;
  /** `INVOICE_NUMBER_PREFIX`: invoice numbers read `<prefix>-<year>-<sequence>`. */
  readonly invoiceNumberPrefix: string;
  /** Who issues the invoices (`SELLER_*`): copied onto each invoice when it is issued. */
  readonly seller: InvoiceParty;
  /** `INVOICE_DRAFTS_EVERY_MS`: how often last month's drafts are prepared; 0 leaves it to the admins. */
  readonly invoiceDraftsEveryMs: number;
  /** `SMTP_URL` (e.g. `smtps://user:pass@mail.example:465`): without it, e-mail waits in the outbox. */
  readonly smtpUrl: string | undefined;
  /** `MAIL_FROM`: the sender of the portal's e-mail. */
  readonly mailFrom: string;
  /** `PORTAL_URL`: where the portal is served, the start of every link sent by e-mail. */
  readonly portalUrl: string;
  /**
   * `ACCOUNT_REQUESTS_PER_HOUR`: password-reset and access requests per e-mail address and hour, counted
   * whether or not the address is known.
   */
  readonly accountRequestsPerHour: number;
  /** The console's request log: `REQUEST_LOG_RETENTION_DAYS`, `REQUEST_LOG_MAX_PER_KEY`, `REQUEST_LOG_PRUNE_EVERY_MS`. */
  readonly requestLog: {
    readonly retentionDays: number;
    readonly maxPerKey: number;
    readonly pruneEveryMs: number;
  };
}

export function loadConfig(env: Env = process.env): BillingConfig {
  const reader = new EnvReader('billing', env);
  const base = readSubgraphConfig(reader, 'billing', DEFAULT_PORT);
  const sessionSecret = reader.optionalString('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < MIN_SECRET_LENGTH) {
    reader.fail(`SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  const adminPassword = reader.optionalString('ADMIN_PASSWORD');
  const nodeEnv = reader.optionalString('NODE_ENV') ?? 'development';
  const demoHistory =
    reader.oneOf('DEMO_HISTORY', ['on', 'off'], nodeEnv === 'development' ? 'on' : 'off') === 'on';
  if (demoHistory && base.mode === 'production') reader.fail('DEMO_HISTORY=on is for development only');
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
    currency: currencyCode(reader),
    demoHistory,
    businessRevenueTargetCents: reader.integer(
      'BUSINESS_REVENUE_TARGET_CENTS',
      DEFAULT_BUSINESS_REVENUE_TARGET_CENTS,
      { min: 0, max: Number.MAX_SAFE_INTEGER },
    ),
    quotaWatchPercent: reader.integer('QUOTA_WATCH_PERCENT', DEFAULT_QUOTA_WATCH_PERCENT, {
      min: 1,
      max: 100,
    }),
    taxRateBasisPoints: reader.integer('TAX_RATE_BASIS_POINTS', DEFAULT_TAX_RATE_BASIS_POINTS, {
      min: 0,
      max: 10_000,
    }),
    paymentTermsDays: reader.integer('PAYMENT_TERMS_DAYS', DEFAULT_PAYMENT_TERMS_DAYS, {
      min: 0,
      max: MAX_PAYMENT_TERMS_DAYS,
    }),
    invoiceNumberPrefix: readNumberPrefix(reader),
    seller: readSeller(reader),
    invoiceDraftsEveryMs: reader.integer('INVOICE_DRAFTS_EVERY_MS', DEFAULT_INVOICE_DRAFTS_EVERY_MS, {
      min: 0,
      max: 2 ** 31 - 1,
    }),
    smtpUrl: reader.optionalString('SMTP_URL'),
    mailFrom: reader.string('MAIL_FROM', 'Meridian <no-reply@meridian.example>'),
    portalUrl: reader.string('PORTAL_URL', DEFAULT_PORTAL_URL).replace(/\/+$/, ''),
    accountRequestsPerHour: reader.integer('ACCOUNT_REQUESTS_PER_HOUR', DEFAULT_ACCOUNT_REQUESTS_PER_HOUR, {
      min: 1,
      max: 1_000_000,
    }),
    requestLog: {
      retentionDays: reader.integer('REQUEST_LOG_RETENTION_DAYS', DEFAULT_REQUEST_LOG_RETENTION_DAYS, {
        min: 1,
        max: 3_650,
      }),
      maxPerKey: reader.integer('REQUEST_LOG_MAX_PER_KEY', DEFAULT_REQUEST_LOG_MAX_PER_KEY, {
        min: 1,
        max: 10_000_000,
      }),
      pruneEveryMs: reader.integer('REQUEST_LOG_PRUNE_EVERY_MS', DEFAULT_REQUEST_LOG_PRUNE_EVERY_MS, {
        min: 100,
        max: 2 ** 31 - 1,
      }),
    },
  });
}

/** `CURRENCY`: three capital letters, as ISO 4217 writes them. */
function currencyCode(reader: EnvReader): string {
  const code = reader.string('CURRENCY', DEFAULT_CURRENCY);
  if (!/^[A-Z]{3}$/.test(code)) reader.fail(`CURRENCY must be an ISO 4217 code such as EUR, not "${code}"`);
  return code;
}

function readNumberPrefix(reader: EnvReader): string {
  const prefix = reader.string('INVOICE_NUMBER_PREFIX', DEFAULT_INVOICE_NUMBER_PREFIX);
  if (!/^[A-Z0-9]{1,10}$/.test(prefix)) {
    reader.fail('INVOICE_NUMBER_PREFIX must be 1 to 10 capital letters or digits');
    return DEFAULT_INVOICE_NUMBER_PREFIX;
  }
  return prefix;
}

/** The seller from `SELLER_*`, each unset part from the development seller, checked like a billing profile. */
function readSeller(reader: EnvReader): InvoiceParty {
  const address = reader.optionalString('SELLER_ADDRESS');
  const seller = {
    name: reader.string('SELLER_NAME', DEVELOPMENT_SELLER.name),
    addressLines: address
      ? address.split('|').map((line) => line.trim())
      : [...DEVELOPMENT_SELLER.addressLines],
    country: reader.string('SELLER_COUNTRY', DEVELOPMENT_SELLER.country),
    vatId: reader.string('SELLER_VAT_ID', DEVELOPMENT_SELLER.vatId ?? ''),
    email: reader.string('SELLER_EMAIL', DEVELOPMENT_SELLER.email),
  };
  const checked = checkParty(seller);
  if (!checked.ok) {
    reader.fail(`SELLER_* describe no valid seller: ${checked.field} ${checked.reason}`);
    return DEVELOPMENT_SELLER;
  }
  return checked.party;
}
