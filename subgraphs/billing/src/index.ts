/** What the billing package offers: the service, and the pieces the gateway, tests and benchmarks share. */
import 'reflect-metadata';

export { DEFAULT_ADMIN_EMAIL, DEVELOPMENT_ADMIN_PASSWORD, loadConfig } from './config';
export type { BillingConfig } from './config';
export { buildBillingSchema } from './schema';
export { startBilling } from './server';
export { KEY_CHANGES_TOPIC, KeyDirectory } from './auth/key-directory';
export { LastUsedRecorder } from './auth/key-last-used';
export { fromSignedPrincipal } from './auth/principal';
export type { Principal, Role } from './auth/principal';
export type { SessionGrant } from './http/sessions';
export {
  MAX_LISTED_BYTES,
  MAX_LISTED_OPERATIONS,
  MAX_OPERATIONS_PER_BATCH,
  MAX_SAFELIST_SIZE,
  operationId,
} from './safelist/safelist';
export { parseQuestion } from './bi/question-builder';
export type { QuestionInput } from './bi/question-input';
export { answerQuestion } from './bi/summary';
export { readMetabaseSample } from './ingest/metabase';
export { generateShop } from './ingest/shop-demo';
export { previousMonth } from './invoices/drafts';
export { parseUsageBatch } from './usage/events';
export type { ParsedBatch } from './usage/events';
export { seedIfEmpty } from './seed';
export { createBillingStore, openBillingStore, recordAudit } from './store';
export type { AuditAction, AuditActor, NewAuditEvent } from './store';
export type { BillingStore } from './store';
