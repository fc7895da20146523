/**
 * Part 2: what the edge itself costs per request, stage by stage, in microseconds. The gateway's own modules
 * run in this process the way `server.ts` wires them (the identity step, then the plugins' hooks with the
 * documents, principal and real answers of the mix), many times over, each stage timed on its own.
 *
 * Cached: the key is in the gateway's key cache and the operation has been seen before (Apollo keeps its
 * parsed, validated document and its query plan, and the edge's steps what they worked out for it).
 * Uncached: the key is looked up in billing over HTTP, and the operation text is new, so Apollo parses,
 * validates and plans it and the edge's steps work it out from its syntax; Apollo's three are its own work,
 * not the edge's, and are shown apart for scale, with the serialization of the answer that Apollo makes
 * with or without metering.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { DEVELOPMENT_INTERNAL_TOKEN, readAccessPolicies } from '@meridian/kit';
import { loadConfig } from '@meridian/gateway';
import { authorizationStep, KeyDirectory, supergraphForPlanner } from '@meridian/gateway/auth';
import { identifyCaller } from '@meridian/gateway/identify';
import type { EdgeOperation, GatewayContext } from '@meridian/gateway/request';
import { httpDoor } from '@meridian/gateway/http-door';
import {
  actualCost,
  costStep,
  operationLimitsStep,
  planRate,
  RateLimits,
  rateLimitStep,
  readCostDirectives,
} from '@meridian/gateway/limits';
import { EdgePipeline } from '@meridian/gateway/pipeline';
import { createMetering, Shipper, Spool } from '@meridian/gateway/metering';
import { GatewayMetrics, metricsPlugin } from '@meridian/gateway/observability';
import { createLogger } from '@meridian/kit';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import type { BenchConfig } from './config';
import { SUPERGRAPH_FILE } from './gateways';
import { MIX } from './operations';

export interface StageTimes {
  readonly name: string;
  /** Microseconds per call. */
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Part of the edge (counted in its totals), or Apollo's own work shown for scale. */
  readonly edge: boolean;
  readonly cached: boolean;
}

class Timer {
  private readonly samples = new Map<string, number[]>();

  async time<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    const result = await work();
    const took = (performance.now() - started) * 1000;
    const list = this.samples.get(stage) ?? [];
    list.push(took);
    this.samples.set(stage, list);
    return result;
  }

  summary(stage: string, edge: boolean, cached: boolean): StageTimes {
    const sorted = [...(this.samples.get(stage) ?? [])].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    const meanUs = sorted.reduce((total, value) => total + value, 0) / sorted.length;
    return { name: stage, meanUs, p50Us: at(0.5), p99Us: at(0.99), edge, cached };
  }
}

type Hooks = GraphQLRequestListener<GatewayContext>;

async function listener(plugin: ApolloServerPlugin<GatewayContext>): Promise<Hooks> {
  return (await plugin.requestDidStart?.({} as never)) as Hooks;
}

export interface StageOptions {
  readonly billingUrl: string;
  /** Keys to identify: the first is the cached one, the others are each looked up once. */
  readonly keys: readonly string[];
  /** The data each operation of the mix answers, by operation name. */
  readonly answers: ReadonlyMap<string, unknown>;
  readonly config: BenchConfig;
  readonly dir: string;
}

export async function runStages(options: StageOptions): Promise<StageTimes[]> {
  const { config } = options;
  const gatewayConfig = loadConfig({ DATA_DIR: options.dir });
  const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
  const supergraph = Supergraph.build(supergraphForPlanner(sdl));
  const apiSchema = supergraph.apiSchema();
  const schema = apiSchema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const policies = readAccessPolicies(sdl);
  const directives = readCostDirectives(sdl);
  const keys = new KeyDirectory({
    lookupUrl: `${options.billingUrl}/internal/keys/lookup`,
    internalToken: DEVELOPMENT_INTERNAL_TOKEN,
    ttlMs: gatewayConfig.keyCacheTtlMs,
    maxEntries: gatewayConfig.keyCacheSize,
    timeoutMs: gatewayConfig.subgraphTimeoutMs,
  });
  const identity = { keys, sessions: undefined, anonymousScopes: [] };
  const limits = new RateLimits('bench:');
  const spool = new Spool(path.join(options.dir, 'stages-spool'));
  const shipper = new Shipper({
    spool,
    url: `${options.billingUrl}/internal/usage`,
    internalToken: DEVELOPMENT_INTERNAL_TOKEN,
    intervalMs: gatewayConfig.metering.intervalMs,
    batchSize: gatewayConfig.metering.batchSize,
    timeoutMs: gatewayConfig.subgraphTimeoutMs,
    logger: createLogger('bench', 'warn'),
  });
  const metrics = new GatewayMetrics();
  const metering = createMetering(spool, shipper);
  const rates = {
    limits,
    policyFor: (context: GatewayContext) =>
      context.plan ? planRate(context.plan) : gatewayConfig.anonymousRate,
    portalAllowance: gatewayConfig.portalAllowance,
  };
  const steps = {
    authorization: authorizationStep({ policies, anonymousIntrospection: false }),
    shape: operationLimitsStep(gatewayConfig.limits),
    cost: costStep({ ...gatewayConfig.limits, directives }),
    rateLimits: rateLimitStep(rates),
  };
  const plugins = {
    // The HTTP door, with no steps of its own to run here: its answer side is timed below.
    door: httpDoor({
      pipeline: new EdgePipeline([]),
      maxCost: gatewayConfig.limits.maxCost,
      rates,
      loginThrottle: gatewayConfig.loginThrottle,
    }),
    metering: metering.plugin,
    metrics: metricsPlugin(metrics),
  };
  const operations = MIX.map((operation) => {
    const document = parse(operation.query);
    const definition = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    )!;
    return { ...operation, document, definition, data: options.answers.get(operation.name) };
  });
  const [cachedKey, ...freshKeys] = options.keys;
  const caller = { apiKey: cachedKey!, clientAddress: '127.0.0.1', requestId: 'bench' };
  if (!(await identifyCaller(caller, identity)).plan) throw new Error('the benchmark key has no plan');

  const timer = new Timer();
  for (let i = 0; i < config.stageIterations; i += 1) {
    const operation = operations[i % operations.length]!;
    const contextValue = await timer.time('identity: key check, cached', () =>
      identifyCaller(caller, identity),
    );
    const edgeOperation: EdgeOperation = {
      door: 'http',
      context: contextValue,
      schema,
      document: operation.document,
      operation: operation.definition,
      variables: operation.variables ?? {},
      queryHash: undefined,
      fromSafelist: false,
    };
    const hooks = {
      door: await listener(plugins.door),
      metering: await listener(plugins.metering),
      metrics: await listener(plugins.metrics),
    };
    await timer.time('authorization: scopes', () => steps.authorization.check(edgeOperation));
    await timer.time('limits: size, shape, cost estimate', async () => {
      await steps.shape.check(edgeOperation);
      await steps.cost.check(edgeOperation);
    });
    await timer.time('rate limits: requests, cost, quota', () => steps.rateLimits.check(edgeOperation));
    contextValue.ledger.subgraphs.add('matches');
    const response = {
      contextValue,
      operationName: operation.name,
      queryHash: 'bench',
      response: {
        http: { status: 200, headers: new Map<string, string>() },
        body: { kind: 'single', singleResult: { data: operation.data } },
      },
    } as never;
    await timer.time('actual cost, cost extension, rate-limit headers', () =>
      hooks.door.willSendResponse?.(response),
    );
    await timer.time('metering: event + body serialization', async () => {
      // The event is prepared with the response and written to the spool as the body is serialized.
      await hooks.metering.willSendResponse?.(response);
      metering.stringifyResult({ data: operation.data } as never);
    });
    await timer.time('Apollo: body serialization', () => `${JSON.stringify({ data: operation.data })}\n`);
    await timer.time('metrics', () => hooks.metrics.willSendResponse?.(response));
  }
  for (const key of freshKeys.slice(0, config.lookupIterations)) {
    const fresh = { ...caller, apiKey: key };
    const context = await timer.time('identity: key lookup in billing', () =>
      identifyCaller(fresh, identity),
    );
    if (!context.plan) throw new Error('a benchmark key was not recognised');
  }
  for (let i = 0; i < Math.min(config.stageIterations, 2_000); i += 1) {
    const operation = operations[i % operations.length]!;
    // A new text each time: Apollo caches by text, so this is what a first request of an operation costs.
    const text = `${operation.query}\n# ${i}`;
    const document = await timer.time('Apollo: parse', () => parse(text));
    await timer.time('Apollo: validate', () => validate(schema, document, specifiedRules));
    await timer.time('Apollo: query plan', () =>
      planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName: operation.name })),
    );
    const definition = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    )!;
    const contextValue = await identifyCaller(caller, identity);
    const fresh: EdgeOperation = {
      door: 'http',
      context: contextValue,
      schema,
      document,
      operation: definition,
      variables: operation.variables ?? {},
      queryHash: undefined,
      fromSafelist: false,
    };
    await timer.time('edge steps, a new operation text', async () => {
      await steps.authorization.check(fresh);
      await steps.shape.check(fresh);
      await steps.cost.check(fresh);
      actualCost(contextValue.ledger.costInput!, operation.data);
    });
  }
  await shipper.stop();

  const cached = [
    'identity: key check, cached',
    'authorization: scopes',
    'limits: size, shape, cost estimate',
    'rate limits: requests, cost, quota',
    'actual cost, cost extension, rate-limit headers',
    'metering: event + body serialization',
    'metrics',
  ];
  return [
    ...cached.map((stage) => timer.summary(stage, true, true)),
    timer.summary('identity: key lookup in billing', true, false),
    timer.summary('edge steps, a new operation text', true, false),
    timer.summary('Apollo: parse', false, false),
    timer.summary('Apollo: validate', false, false),
    timer.summary('Apollo: query plan', false, false),
    timer.summary('Apollo: body serialization', false, true),
  ];
}

/** Width of the stage names' column. */
const NAME_WIDTH = 48;

export function printStages(stages: readonly StageTimes[], config: BenchConfig): void {
  console.log(
    `\n2. The edge's own cost per request, in process, ${config.stageIterations} requests of the mix (µs per request)`,
  );
  console.log(`${'stage'.padEnd(NAME_WIDTH)}   mean µs    p50 µs    p99 µs`);
  const row = (stage: StageTimes) =>
    console.log(
      `${stage.name.padEnd(NAME_WIDTH)} ${stage.meanUs.toFixed(1).padStart(9)} ${stage.p50Us.toFixed(1).padStart(9)} ${stage.p99Us.toFixed(1).padStart(9)}`,
    );
  for (const stage of stages.filter((s) => s.edge && s.cached)) row(stage);
  const cachedTotal = stages.filter((s) => s.edge && s.cached).reduce((t, s) => t + s.meanUs, 0);
  console.log(`${'edge total, cached'.padEnd(NAME_WIDTH)} ${cachedTotal.toFixed(1).padStart(9)}`);
  const lookup = stages.find((s) => s.name === 'identity: key lookup in billing')!;
  const hit = stages.find((s) => s.name === 'identity: key check, cached')!;
  row(lookup);
  console.log(
    `${'edge total, uncached key'.padEnd(NAME_WIDTH)} ${(cachedTotal - hit.meanUs + lookup.meanUs).toFixed(1).padStart(9)}`,
  );
  row(stages.find((s) => s.name === 'edge steps, a new operation text')!);
  console.log(
    'for scale, what Apollo does itself for an operation text it has not seen, and for every answer:',
  );
  for (const stage of stages.filter((s) => !s.edge)) row(stage);
  console.log(
    'the edge keeps what it works out per parsed document (Apollo keeps one per text): a new text costs the row above once;',
  );
  console.log(
    "metering's row includes the serialization of the body, which Apollo makes without metering too (last row)",
  );
}
