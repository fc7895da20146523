/** Structured logs: one JSON object a line on stdout, which `npm start` prefixes and condenses. */
import pino from 'pino';
import type { LogLevel } from './env';

export type Logger = pino.Logger;

export function createLogger(service: string, level: LogLevel): Logger {
  return pino({ name: service, level, base: { service } });
}
