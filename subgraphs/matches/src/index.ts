import 'reflect-metadata';

export { loadConfig } from './config';
export { buildMatchesSchema } from './schema';
export { startMatches } from './server';
export { createContext } from './context';
export { generateMatch } from './generate/match';
export { ingestMatch } from './ingest/write';
export { seedIfEmpty } from './seed';
export { openMatchesStore } from './store';
export { positionCount } from './tracking/model';
