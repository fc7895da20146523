import 'reflect-metadata';

export { loadConfig } from './config';
export { buildTelemetrySchema } from './schema';
export { startTelemetry } from './server';
