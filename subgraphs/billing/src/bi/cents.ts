/**
 * Amounts written as decimals (`"39.72"`), read as the integer cents money is stored in: the question
 * builder's filter values and the Metabase sample's prices and totals.
 */

/** Exact cents of a decimal amount (`"39.72"` → 3972), without floating-point rounding; undefined if malformed. */
export function parseCents(text: string): number | undefined {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}
