/**
 * Prometheus metrics of the gateway, served at `/metrics`: requests by operation, outcome and plan, their
 * latency, subgraph fetch latency, rejections by code, the key cache's hit rate, and how many executions and
 * subgraph fetches were shared by identical requests in flight. Operation names come
 * from clients, so only well-formed ones become labels, and only the first few hundred distinct ones.
 */
import type { AnswerCache } from '../cache';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Distinct operation names kept as label values; later ones are counted as `other`. */
export const MAX_OPERATION_LABELS = 500;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  private readonly requests = new Counter({
    name: 'meridian_gateway_requests_total',
    help: 'GraphQL operations answered, by operation name, outcome and plan.',
    labelNames: ['operation', 'outcome', 'plan'] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'meridian_gateway_request_duration_seconds',
    help: 'Time from receiving an operation to sending its response.',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly fetches = new Histogram({
    name: 'meridian_gateway_subgraph_fetch_duration_seconds',
    help: 'Time of one fetch from a subgraph.',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly rejections = new Counter({
    name: 'meridian_gateway_rejections_total',
    help: 'Operations refused by the edge, by error code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly keyLookups = new Counter({
    name: 'meridian_gateway_key_cache_lookups_total',
    help: 'API key checks, by whether the cache answered (hit) or billing was asked (miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  /** Operations that ran an execution of their own, and those that shared one already in flight. */
  readonly deduplication = { executed: 0, shared: 0 };

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'meridian_gateway_' });
    const deduplication = this.deduplication;
    new Counter({
      name: 'meridian_gateway_executions_total',
      help: 'Query executions, by whether the operation ran its own (executed) or shared one in flight (shared).',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ kind: 'executed' }, deduplication.executed);
        this.inc({ kind: 'shared' }, deduplication.shared);
      },
    });
  }

  /** Reports subgraph fetches that shared a call already in flight, per subgraph. */
  watchSharedFetches(counts: () => Record<string, number>): void {
    new Counter({
      name: 'meridian_gateway_subgraph_fetches_shared_total',
      help: 'Subgraph fetches answered by an identical call already in flight.',
      labelNames: ['subgraph'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [subgraph, shared] of Object.entries(counts())) this.inc({ subgraph }, shared);
      },
    });
  }

  /** Reports the answer cache: lookups by result, entries stored, drops announced, and its size. */
  watchCache(cache: AnswerCache): void {
    new Counter({
      name: 'meridian_gateway_cache_lookups_total',
      help: 'Subgraph answers looked for in the cache (an entity fetch counts each entity), by result.',
      labelNames: ['subgraph', 'result'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [subgraph, counts] of cache.counts) {
          this.inc({ subgraph, result: 'hit' }, counts.hits);
          this.inc({ subgraph, result: 'miss' }, counts.misses);
        }
      },
    });
    new Counter({
      name: 'meridian_gateway_cache_invalidations_total',
      help: "Times a subgraph's cached answers were dropped: a write it announced, or its change feed (re)connecting.",
      labelNames: ['subgraph'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [subgraph, counts] of cache.counts) this.inc({ subgraph }, counts.invalidations);
      },
    });
    new Gauge({
      name: 'meridian_gateway_cache_bytes',
      help: 'Bytes the answer cache holds, as counted against CACHE_BYTES.',
      registers: [this.registry],
      collect() {
        this.set(cache.bytes);
      },
    });
    new Gauge({
      name: 'meridian_gateway_cache_entries',
      help: 'Answers (whole fetches and single entities) the cache holds.',
      registers: [this.registry],
      collect() {
        this.set(cache.size);
      },
    });
  }

  /** Reports the open subscriptions: client subscriptions, and the upstream ones serving them. */
  watchSubscriptions(counts: () => { clients: number; upstreams: number }): void {
    new Gauge({
      name: 'meridian_gateway_subscriptions',
      help: 'Open subscriptions: clients, and the shared upstream subscriptions serving them.',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const now = counts();
        this.set({ kind: 'clients' }, now.clients);
        this.set({ kind: 'upstreams' }, now.upstreams);
      },
    });
  }

  operation(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'unnamed';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  request(operation: string | null | undefined, outcome: string, plan: string, seconds: number): void {
    this.requests.inc({ operation: this.operation(operation), outcome, plan });
    this.duration.observe({ outcome }, seconds);
  }

  rejection(code: string): void {
    this.rejections.inc({ code });
  }

  fetch(subgraph: string, ok: boolean, seconds: number): void {
    this.fetches.observe({ subgraph, outcome: ok ? 'ok' : 'error' }, seconds);
  }

  keyLookup(hit: boolean): void {
    this.keyLookups.inc({ result: hit ? 'hit' : 'miss' });
  }
}
