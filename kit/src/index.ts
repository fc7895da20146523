export {
  columnTypes,
  describeLocation,
  isPostgres,
  openDatabase,
  openSqlite,
  pingDatabase,
} from './database';
export type { DatabaseLocation, Migrations } from './database';
export {
  ConfigError,
  DEFAULT_DATA_DIR,
  DEVELOPMENT_INTERNAL_TOKEN,
  DEVELOPMENT_PRINCIPAL_SECRET,
  EnvReader,
  SHARED_DATA_DIR,
  readSubgraphConfig,
} from './env';
export type { Env, ServiceConfig, SubgraphConfig } from './env';
export {
  accessGuardPlugin,
  Authenticated,
  createAccessGuard,
  Public,
  readAccessPolicies,
  RequiresScopes,
} from './access';
export { announceChange, hasInternalToken, mutationChangesPlugin, serveChanges } from './changes';
export { CacheHint, NeverCached } from './cache';
export type { CacheHintSpec, CacheLifetime } from './cache';
export { buildFederatedSchema } from './federation';
export { MAX_BODY_BYTES, startHttpService } from './http';
export { runService } from './lifecycle';
export type { ReadyMessage, RunningService } from './lifecycle';
export { createLogger } from './log';
export type { Logger } from './log';
export { demoCustomerIds, demoCustomers } from './demo';
export { newId } from './ids';
export { createGroupLoader, createRowLoader } from './loaders';
export { checkPrincipal, startSubgraph } from './subgraph';
export type { OpenedStore, RequestScope } from './subgraph';
export { PRINCIPAL_HEADER, signPrincipal } from './principal';
export type { Principal, Role } from './principal';
export type { PlanLimits } from './plan-limits';
export { checkPostgres, checkRedis } from './reachable';
export { createPubSub } from './pubsub';
export { demoApiKey, generateKey, hashKey, parseKey, sameHash } from './api-key';
export type { KeyEnvironment } from './api-key';
export { codeOf, sendError } from './refusals';
