/**
 * Reading NASA C-MAPSS text files (Saxena et al. 2008): one flight cycle of one engine a line, 26
 * space-separated numbers (unit, cycle, three operational settings, 21 sensors), every line ending in
 * trailing spaces. A file with any malformed line is refused as a whole, naming the file and every bad line.
 */
import { CMAPSS_SENSORS } from './sensors';

const CMAPSS_COLUMNS = 5 + CMAPSS_SENSORS.length;

export interface CmapssRow {
  readonly unit: number;
  readonly cycle: number;
  readonly settings: readonly [number, number, number];
  /** The 21 sensor values, in the order of `CMAPSS_SENSORS`. */
  readonly sensors: readonly number[];
}

export interface CmapssProblem {
  readonly line: number;
  readonly message: string;
}

export class CmapssFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly CmapssProblem[],
  ) {
    super(
      `${file}: not a C-MAPSS file:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`,
    );
    this.name = 'CmapssFormatError';
  }
}

/** Parses a whole file; throws a `CmapssFormatError` listing every malformed line. */
export function parseCmapss(text: string, file: string): CmapssRow[] {
  const rows: CmapssRow[] = [];
  const problems: CmapssProblem[] = [];
  const lastCycle = new Map<number, number>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    // A final newline leaves one empty string behind; blank lines elsewhere are errors.
    if (line === '' && index === lines.length - 1) return;
    const fields = line === '' ? [] : line.split(/\s+/);
    const problem = (message: string) => problems.push({ line: index + 1, message });
    if (fields.length !== CMAPSS_COLUMNS) {
      return problem(`expected ${CMAPSS_COLUMNS} numbers, found ${fields.length}`);
    }
    const numbers = fields.map(Number);
    const bad = numbers.findIndex(
      (value, column) => !/^[-+]?\d/.test(fields[column]!) || !Number.isFinite(value),
    );
    if (bad >= 0) return problem(`column ${bad + 1} is not a number: ${JSON.stringify(fields[bad])}`);
    const [unit, cycle] = numbers as [number, number];
    if (!Number.isInteger(unit) || unit < 1)
      return problem(`unit must be a positive integer, got ${fields[0]}`);
    if (!Number.isInteger(cycle) || cycle < 1)
      return problem(`cycle must be a positive integer, got ${fields[1]}`);
    const previous = lastCycle.get(unit) ?? 0;
    if (cycle !== previous + 1) return problem(`unit ${unit} goes from cycle ${previous} to ${cycle}`);
    lastCycle.set(unit, cycle);
    rows.push({
      unit,
      cycle,
      settings: [numbers[2]!, numbers[3]!, numbers[4]!],
      sensors: numbers.slice(5),
    });
  });
  if (problems.length > 0) throw new CmapssFormatError(file, problems);
  return rows;
}

/** Rows grouped by unit, each unit's rows in cycle order. */
export function groupByUnit(rows: readonly CmapssRow[]): Map<number, CmapssRow[]> {
  const units = new Map<number, CmapssRow[]>();
  for (const row of rows) {
    const list = units.get(row.unit) ?? [];
    list.push(row);
    units.set(row.unit, list);
  }
  return units;
}
