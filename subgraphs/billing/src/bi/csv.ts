/**
 * An answer of the question builder as CSV (RFC 4180, by csv-stringify), for a spreadsheet. A cell of text
 * that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula by Excel or
 * LibreOffice (a customer named `=HYPERLINK(…)` could run one on the reader's machine), so such text is
 * prefixed with an apostrophe, which spreadsheets show as text. Numbers are written as numbers.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet will not evaluate.
 * @internal
 */
export function inertCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function summaryCsv(
  header: readonly string[],
  rows: readonly { group: readonly string[]; value: number | null }[],
): string {
  return stringify([header, ...rows.map((row) => [...row.group, row.value])], {
    cast: { string: inertCell },
    record_delimiter: 'windows',
  });
}
