/**
 * Reads the Metabase sample dataset (its Vertica CSV export: PEOPLE, PRODUCTS, ORDERS) into shop rows.
 * The export is not RFC 4180: it has no quoting, and a comma inside a value is escaped with a backslash
 * (`Swaniawski\, Casper and Hilll`). csv-parse escapes only inside quotes, so it runs with quoting off and
 * `on_record` joins a field that ends in a backslash with the one after it, giving back the comma. Money
 * becomes integer cents from the decimal text, never through floating point.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { parseCents } from '../bi/cents';
import type { ShopRows } from '../store';

const METABASE_FILES = {
  products: 'sample-dataset.0.products.csv',
  people: 'sample-dataset.1.people.csv',
  orders: 'sample-dataset.3.orders.csv',
} as const;

/**
 * The fields of one record with backslash-escaped commas restored.
 * @internal
 */
export function unescapeCommas(fields: readonly string[]): string[] {
  const out: string[] = [];
  let pending: string | undefined;
  for (const field of fields) {
    const value = pending === undefined ? field : `${pending},${field}`;
    if (value.endsWith('\\') && !value.endsWith('\\\\')) pending = value.slice(0, -1);
    else {
      out.push(value);
      pending = undefined;
    }
  }
  if (pending !== undefined) out.push(`${pending}\\`);
  return out;
}

/** Every record of one CSV file as an object keyed by its header, with escaped commas restored. */
async function readBackslashCsv(file: string): Promise<Record<string, string>[]> {
  const parser = fs.createReadStream(file).pipe(
    parse({
      quote: false,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[]) => unescapeCommas(record),
    }),
  );
  let header: string[] | undefined;
  const rows: Record<string, string>[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record;
      continue;
    }
    if (record.length !== header.length) {
      throw new Error(
        `${path.basename(file)} record ${rows.length + 1}: ${record.length} fields, the header has ${header.length}`,
      );
    }
    rows.push(Object.fromEntries(header.map((name, index) => [name, record[index]!])));
  }
  return rows;
}

function cents(row: Record<string, string>, field: string, file: string): number {
  const value = parseCents(row[field] ?? '');
  if (value === undefined)
    throw new Error(`${file} id ${row.id}: ${field}=${JSON.stringify(row[field])} is not an amount`);
  return value;
}

function time(row: Record<string, string>, field: string, file: string): number {
  const ms = Date.parse(row[field] ?? '');
  if (Number.isNaN(ms))
    throw new Error(`${file} id ${row.id}: ${field}=${JSON.stringify(row[field])} is not a time`);
  return ms;
}

export async function readMetabaseSample(dir: string): Promise<ShopRows> {
  const [products, people, orders] = await Promise.all([
    readBackslashCsv(path.join(dir, METABASE_FILES.products)),
    readBackslashCsv(path.join(dir, METABASE_FILES.people)),
    readBackslashCsv(path.join(dir, METABASE_FILES.orders)),
  ]);
  return {
    people: people.map((row) => ({
      id: Number(row.id),
      name: row.name ?? '',
      email: row.email ?? '',
      city: row.city ?? '',
      state: row.state ?? '',
      source: row.source ?? '',
      created_at_ms: time(row, 'created_at', METABASE_FILES.people),
    })),
    products: products.map((row) => ({
      id: Number(row.id),
      title: row.title ?? '',
      category: row.category ?? '',
      vendor: row.vendor ?? '',
      price_cents: cents(row, 'price', METABASE_FILES.products),
      created_at_ms: time(row, 'created_at', METABASE_FILES.products),
    })),
    orders: orders.map((row) => ({
      id: Number(row.id),
      person_id: Number(row.user_id),
      product_id: Number(row.product_id),
      subtotal_cents: cents(row, 'subtotal', METABASE_FILES.orders),
      tax_cents: cents(row, 'tax', METABASE_FILES.orders),
      total_cents: cents(row, 'total', METABASE_FILES.orders),
      // An empty field means NULL in this export.
      discount_cents: row.discount ? cents(row, 'discount', METABASE_FILES.orders) : null,
      quantity: Number(row.quantity),
      created_at_ms: time(row, 'created_at', METABASE_FILES.orders),
    })),
  };
}
