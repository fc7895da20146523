/**
 * The two parties an invoice names: the seller (Meridian, from configuration) and the buyer (the partner's
 * billing profile). A finance team sends back an invoice without the buyer's legal name, address or VAT id,
 * so both are checked here once, in the same way, before they are stored or copied onto an invoice.
 */

export interface InvoiceParty {
  /** The legal name, as registered. */
  readonly name: string;
  readonly addressLines: readonly string[];
  /** ISO 3166-1 alpha-2, e.g. `GB`, `DE`. */
  readonly country: string;
  /** VAT (or GST, ABN…) id, normalised: capitals and digits, no spaces; null when the party has none. */
  readonly vatId: string | null;
  /** Where invoices and reminders go. */
  readonly email: string;
}

const MAX_PARTY_NAME_LENGTH = 200;
const MAX_ADDRESS_LINES = 6;
const MAX_ADDRESS_LINE_LENGTH = 100;
const MAX_EMAIL_LENGTH = 254;

/**
 * VAT ids differ per country; this accepts what every one of them looks like (a two-letter country prefix
 * then 2 to 13 letters or digits), which catches a pasted phone number or an e-mail, not a wrong checksum.
 */
const VAT_ID = /^[A-Z]{2}[0-9A-Z]{2,13}$/;
const COUNTRY = /^[A-Z]{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type PartyCheck =
  { ok: true; party: InvoiceParty } | { ok: false; field: keyof InvoiceParty; reason: string };

/**
 * What a user typed as a VAT id, as stored: `gb 123 456 789` → `GB123456789`; blank → null.
 * @internal
 */
export function normaliseVatId(raw: string | null | undefined): string | null {
  const compact = (raw ?? '').replace(/[\s.-]/g, '').toUpperCase();
  return compact === '' ? null : compact;
}

/** Trims every part, drops blank address lines, and says which part is wrong, naming the limit. */
export function checkParty(input: {
  name: string;
  addressLines: readonly string[];
  country: string;
  vatId?: string | null;
  email: string;
}): PartyCheck {
  const name = input.name.trim();
  const addressLines = input.addressLines.map((line) => line.trim()).filter((line) => line !== '');
  const country = input.country.trim().toUpperCase();
  const vatId = normaliseVatId(input.vatId);
  const email = input.email.trim();
  if (name === '' || name.length > MAX_PARTY_NAME_LENGTH)
    return { ok: false, field: 'name', reason: `must be 1 to ${MAX_PARTY_NAME_LENGTH} characters` };
  if (addressLines.length === 0 || addressLines.length > MAX_ADDRESS_LINES)
    return { ok: false, field: 'addressLines', reason: `must be 1 to ${MAX_ADDRESS_LINES} lines` };
  if (addressLines.some((line) => line.length > MAX_ADDRESS_LINE_LENGTH))
    return {
      ok: false,
      field: 'addressLines',
      reason: `must each be at most ${MAX_ADDRESS_LINE_LENGTH} characters`,
    };
  if (!COUNTRY.test(country))
    return { ok: false, field: 'country', reason: 'must be a two-letter ISO 3166 code such as GB or DE' };
  if (vatId !== null && !VAT_ID.test(vatId))
    return {
      ok: false,
      field: 'vatId',
      reason: 'must start with a two-letter country prefix followed by 2 to 13 letters or digits',
    };
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))
    return {
      ok: false,
      field: 'email',
      reason: `must be an e-mail address of at most ${MAX_EMAIL_LENGTH} characters`,
    };
  return { ok: true, party: { name, addressLines, country, vatId, email } };
}
