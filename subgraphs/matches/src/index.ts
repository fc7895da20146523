import 'reflect-metadata';

export { loadConfig } from './config';
export { buildMatchesSchema } from './schema';
export { startMatches } from './server';
