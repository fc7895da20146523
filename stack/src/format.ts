/**
 * How `npm start` shows the services' logs: each line prefixed with the service's name, and the JSON log
 * records condensed to `time level message`.
 */
import type { ServiceName } from './services';

const COLORS: Record<ServiceName, number> = { matches: 32, telemetry: 36, billing: 35, gateway: 33 };
const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** Wide enough for a replica's name too (`telemetry-2`). */
const WIDTH = Math.max(...Object.keys(COLORS).map((name) => name.length)) + 2;

/** `replica` names the process when there are several of a service (`gateway-2`). */
export function formatLine(name: ServiceName, line: string, color: boolean, replica: string = name): string {
  const label = replica.padEnd(WIDTH);
  const prefix = color ? `\x1b[${COLORS[name]}m${label}\x1b[0m |` : `${label} |`;
  return `${prefix} ${condense(line)}`;
}

function condense(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const record = JSON.parse(line) as {
      time?: number;
      level?: number;
      msg?: string;
      err?: { message?: string };
    };
    const time = record.time ? new Date(record.time).toISOString().slice(11, 19) : '';
    const level = LEVELS[record.level ?? 30] ?? 'info';
    const error = record.err?.message ? ` (${record.err.message})` : '';
    return `${time} ${level.padEnd(5)} ${record.msg ?? ''}${error}`;
  } catch {
    return line;
  }
}
