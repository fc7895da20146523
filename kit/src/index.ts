export {
  columnTypes,
  describeLocation,
  isPostgres,
  migrate,
  openDatabase,
  openSqlite,
  pingDatabase,
  POSTGRES_POOL_SIZE,
} from './database';
export type {
  DatabaseLocation,
  Migrations,
  OpenDatabaseOptions,
  OpenedDatabase,
  SqliteConnection,
} from './database';
export {
  ConfigError,
  DEFAULT_DATA_DIR,
  DEVELOPMENT_INTERNAL_TOKEN,
  DEVELOPMENT_PRINCIPAL_SECRET,
  EnvReader,
  SHARED_DATA_DIR,
  logLevels,
  readServiceConfig,
  readSubgraphConfig,
} from './env';
export type { Env, LogLevel, Mode, ServiceConfig, SubgraphConfig } from './env';
export {
  accessGuardPlugin,
  Authenticated,
  authorizeOperation,
  createAccessGuard,
  describeRefusals,
  Public,
  readAccessPolicies,
  RequiresScopes,
} from './access';
export type { AccessGuard, AccessPolicies, AccessRule, Caller, Refusal } from './access';
export {
  announceChange,
  CHANGES_PATH,
  hasInternalToken,
  INTERNAL_TOKEN_HEADER,
  mutationChangesPlugin,
  serveChanges,
} from './changes';
export type { SubgraphChange } from './changes';
export { CacheHint, NeverCached } from './cache';
export type { CacheHintSpec, CacheLifetime, CacheScope, ValueCacheHint, ValueCacheHints } from './cache';
export { buildFederatedSchema } from './federation';
export type { DefaultAccess, ReferenceResolvers } from './federation';
export {
  createErrorFormatter,
  MAX_BODY_BYTES,
  REQUEST_ID_HEADER,
  startHttpService,
  WS_FORBIDDEN,
} from './http';
export type { HttpService, HttpServiceOptions, SubscriptionChannel, WebSocketOptions } from './http';
export { EXIT_CONFIG, runService } from './lifecycle';
export type { ReadyMessage, RunningService } from './lifecycle';
export { createLogger } from './log';
export type { Logger } from './log';
export { demoCustomerIds, demoCustomers } from './demo';
export { newId } from './ids';
export type { DemoCustomer, DemoIndustry } from './demo';
export { createGroupLoader, createRowLoader } from './loaders';
export { checkPrincipal, startSubgraph } from './subgraph';
export type { Background, OpenedStore, RequestScope, SubgraphOptions, SubgraphStore } from './subgraph';
export { PRINCIPAL_HEADER, PRINCIPAL_MAX_AGE_MS, signPrincipal, verifyPrincipal } from './principal';
export type { Principal, PrincipalCheck, Role } from './principal';
export type { PlanLimits } from './plan-limits';
export { checkPostgres, checkRedis } from './reachable';
export { createPubSub } from './pubsub';
export type { ClosablePubSub, PubSubOptions } from './pubsub';
export {
  demoApiKey,
  generateKey,
  hashKey,
  KEY_PREFIX,
  KEY_RANDOM_LENGTH,
  KEY_VISIBLE_PREFIX_LENGTH,
  parseKey,
  sameHash,
} from './api-key';
export type { KeyEnvironment, ParsedKey } from './api-key';
export { closeCodeOf, codeOf, httpStatusOf, refusal, sendError } from './refusals';
