/** Reading provider files with line numbers: JSON, JSON Lines and CSV with a header row. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ImportError } from './errors';

const name = (file: string) => path.basename(file);

export function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ImportError(name(file), null, `not valid JSON: ${(error as Error).message}`);
  }
}

/** Each non-blank line parsed as JSON, with its 1-based line number. */
export function* readJsonLines(file: string): Generator<{ line: number; value: unknown }> {
  const text = fs.readFileSync(file, 'utf8');
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (raw.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(raw) };
    } catch (error) {
      throw new ImportError(name(file), line, `not valid JSON: ${(error as Error).message}`);
    }
  }
}

/** Rows of a CSV file as records keyed by the header, each with the line it starts on. */
export function readCsv(
  file: string,
  options: { fromLine?: number } = {},
): { line: number; row: Record<string, string> }[] {
  try {
    const records = parse(fs.readFileSync(file, 'utf8'), {
      columns: true,
      info: true,
      skip_empty_lines: true,
      from_line: options.fromLine ?? 1,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, row: record }));
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new ImportError(name(file), lines ?? null, `not valid CSV: ${(error as Error).message}`);
  }
}

/** Raw CSV rows (no header handling), each with its line, for files with several header rows. */
export function readCsvRows(file: string): { line: number; cells: string[] }[] {
  try {
    const records = parse(fs.readFileSync(file, 'utf8'), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new ImportError(name(file), lines ?? null, `not valid CSV: ${(error as Error).message}`);
  }
}

/** Reads numbers out of provider rows, reporting the file and line of the first bad one. */
export class FieldReader {
  constructor(
    readonly file: string,
    /** Null for a whole-file document such as a JSON match sheet. */
    readonly line: number | null,
  ) {}

  fail(problem: string): never {
    throw new ImportError(name(this.file), this.line, problem);
  }

  number(value: unknown, field: string): number {
    const parsed =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : NaN;
    if (!Number.isFinite(parsed)) this.fail(`${field} is not a number: ${JSON.stringify(value)}`);
    return parsed;
  }

  /** A number, or null for an empty cell, null, or NaN (how providers write "not measured"). */
  optionalNumber(value: unknown, field: string): number | null {
    if (value === null || value === undefined || value === '' || value === 'NaN') return null;
    return this.number(value, field);
  }

  integer(value: unknown, field: string): number {
    const parsed = this.number(value, field);
    if (!Number.isInteger(parsed)) this.fail(`${field} is not an integer: ${JSON.stringify(value)}`);
    return parsed;
  }
}
