/** How the portal writes times, numbers and money: the same on every machine (UTC, English). */

export function formatTime(iso: string | null | undefined, never = 'never'): string {
  if (!iso) return never;
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function formatHour(iso: string): string {
  return new Date(iso).toISOString().slice(5, 13).replace('T', ' ') + 'h';
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

export function formatMoney(amount: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

export function formatCents(cents: number): string {
  return formatMoney(cents / 100);
}

/** An amount to the cent, as on an invoice. */
export function formatExactCents(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}
