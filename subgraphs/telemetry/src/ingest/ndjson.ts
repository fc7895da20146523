/**
 * NDJSON ingest bodies: one reading a line, `{"engine":"eng_0001_1","sensor":"T30","time":"2026-01-01T00:00:00Z","value":1590.2}`
 * (`time` an ISO 8601 string or milliseconds since the epoch). Every malformed line is reported by number.
 */
import { groupReadings, type LooseReading, type SensorSeries } from './batch';
import type { IngestProblem } from './validate';

export interface ParsedBody {
  readonly series: SensorSeries[];
  readonly problems: IngestProblem[];
  readonly readings: number;
}

/** A time as ISO 8601 text or epoch milliseconds; NaN when it is neither. */
function parseTime(time: unknown): number {
  if (typeof time === 'number') return time;
  if (typeof time === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(time)) return Date.parse(time);
  return Number.NaN;
}

export function parseNdjson(text: string): ParsedBody {
  const readings: LooseReading[] = [];
  const lineOf: number[] = [];
  const problems: IngestProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const at = `line ${index + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      problems.push({ at, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push({ at, message: 'expected an object with engine, sensor, time and value' });
      return;
    }
    const { engine, sensor, time, value } = parsed as Record<string, unknown>;
    const wrong: string[] = [];
    if (typeof engine !== 'string' || engine === '') wrong.push('engine must be a non-empty string');
    if (typeof sensor !== 'string' || sensor === '') wrong.push('sensor must be a non-empty string');
    const ms = parseTime(time);
    if (Number.isNaN(ms)) wrong.push('time must be an ISO 8601 date-time or epoch milliseconds');
    if (typeof value !== 'number') wrong.push('value must be a number');
    if (wrong.length > 0) {
      problems.push({ at, message: wrong.join('; ') });
      return;
    }
    readings.push({ engineId: engine as string, sensor: sensor as string, time: ms, value: value as number });
    lineOf.push(index + 1);
  });
  return {
    series: groupReadings(readings, (position) => `line ${lineOf[position]}`),
    problems,
    readings: readings.length,
  };
}
