/**
 * How the dashboards name a period: by its real dates ("1–30 Nov 2026", week of "23 Nov 2026"), never by
 * "last 30 days" alone. Periods end exclusively (the API's `end` is the next period's start, or the moment
 * of the answer for the one in progress), so the last day shown is the day before `end`'s instant.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const parts = (at: Date) => ({
  day: at.getUTCDate(),
  month: MONTHS[at.getUTCMonth()]!,
  year: at.getUTCFullYear(),
});

/** `23 Nov 2026` (UTC). */
export function formatDate(iso: string | Date): string {
  const { day, month, year } = parts(new Date(iso));
  return `${day} ${month} ${year}`;
}

/** The last day a period covers: the day of the instant just before its exclusive end. */
function lastDayOf(endIso: string): Date {
  return new Date(new Date(endIso).getTime() - 1);
}

/** `1–30 Nov 2026`, `24 Nov – 5 Dec 2026`, `29 Dec 2025 – 4 Jan 2026` for `[start, end)`. */
export function formatSpan(startIso: string, endIso: string): string {
  const first = parts(new Date(startIso));
  const last = parts(lastDayOf(endIso));
  if (first.year !== last.year) return `${formatDate(startIso)} – ${formatDate(lastDayOf(endIso))}`;
  if (first.month !== last.month)
    return `${first.day} ${first.month} – ${last.day} ${last.month} ${last.year}`;
  if (first.day === last.day) return formatDate(startIso);
  return `${first.day}–${last.day} ${last.month} ${last.year}`;
}

/** `Nov 2026`: a calendar month by its start. */
export function formatMonth(startIso: string): string {
  const { month, year } = parts(new Date(startIso));
  return `${month} ${year}`;
}

/** What a period in progress adds to its label. */
export const SO_FAR = 'so far';
