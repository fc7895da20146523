/** What the billing package offers: the service, and the pieces the gateway, tests and benchmarks share. */
import 'reflect-metadata';

export { DEVELOPMENT_ADMIN_PASSWORD, loadConfig } from './config';
export type { BillingConfig } from './config';
export { buildBillingSchema } from './schema';
export { startBilling } from './server';
export { KeyDirectory } from './auth/key-directory';
export { LastUsedRecorder } from './auth/key-last-used';
export { parseQuestion } from './bi/question-builder';
export { answerQuestion } from './bi/summary';
export { generateShop } from './ingest/shop-demo';
export { previousMonth } from './invoices/drafts';
export { parseUsageBatch } from './usage/events';
export { seedIfEmpty } from './seed';
export { openBillingStore } from './store';
export type { BillingStore } from './store';
