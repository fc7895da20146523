import 'reflect-metadata';

export { loadConfig } from './config';
export { buildBillingSchema } from './schema';
export { startBilling } from './server';
