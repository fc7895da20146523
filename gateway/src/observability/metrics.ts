/**
 * Prometheus metrics of the gateway, served at `/metrics`: requests by operation, outcome and plan, their
 * latency, subgraph fetch latency, rejections by code, the key cache's hit rate, and how many executions and
 * subgraph fetches were shared by identical requests in flight, and how many query plans were built at start
 * and on requests' paths. Operation names come from clients, so only well-formed ones become labels, and only
 * the first few hundred distinct ones.
 */
import type { AnswerCache } from '../cache';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { TalliedCounter, TalliedHistogram, type CounterSeries, type HistogramSeries } from './tallies';

/** Distinct operation names kept as label values; later ones are counted as `other`. */
const MAX_OPERATION_LABELS = 500;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  // Observed on every request: tallied as plain numbers, handed to prom-client when scraped (tallies.ts).
  private readonly requests = new TalliedCounter({
    name: 'meridian_gateway_requests_total',
    help: 'GraphQL operations answered, by operation name, outcome and plan.',
    labelNames: ['operation', 'outcome', 'plan'] as const,
    registry: this.registry,
  });
  private readonly requestSeries = new Map<
    string,
    Map<string, Map<string, CounterSeries<'operation' | 'outcome' | 'plan'>>>
  >();

  private readonly duration = new TalliedHistogram(
    {
      name: 'meridian_gateway_request_duration_seconds',
      help: 'Time from receiving an operation to sending its response.',
      labelNames: ['outcome'] as const,
      registry: this.registry,
    },
    LATENCY_BUCKETS,
  );
  private readonly durationSeries = new Map<string, HistogramSeries<'outcome'>>();

  private readonly fetches = new TalliedHistogram(
    {
      name: 'meridian_gateway_subgraph_fetch_duration_seconds',
      help: 'Time of one fetch from a subgraph.',
      labelNames: ['subgraph', 'outcome'] as const,
      registry: this.registry,
    },
    LATENCY_BUCKETS,
  );
  /** By subgraph: the series of its fetches that succeeded, then of those that failed, once observed. */
  private readonly fetchSeries = new Map<string, (HistogramSeries<'subgraph' | 'outcome'> | undefined)[]>();

  private readonly rejections = new Counter({
    name: 'meridian_gateway_rejections_total',
    help: 'Operations refused by the edge, by error code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly keyLookups = new TalliedCounter({
    name: 'meridian_gateway_key_cache_lookups_total',
    help: 'API key checks, by whether the cache answered (hit) or billing was asked (miss).',
    labelNames: ['result'] as const,
    registry: this.registry,
  });
  private keyHits: CounterSeries<'result'> | undefined;
  private keyMisses: CounterSeries<'result'> | undefined;

  private readonly plansBuilt = new Counter({
    name: 'meridian_gateway_query_plans_built_total',
    help: 'Query plans built, by when: at start (warm start) or on the path of a request that found none.',
    labelNames: ['when'] as const,
    registers: [this.registry],
  });

  /** Operations that ran an execution of their own, and those that shared one already in flight. */
  readonly deduplication = { executed: 0, shared: 0 };

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'meridian_gateway_' });
    for (const when of ['start', 'request'] as const) this.plansBuilt.inc({ when }, 0);
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
    new Counter({
      name: 'meridian_gateway_cache_responses_total',
      help: 'Whole query responses looked for in the cache, by result.',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ result: 'hit' }, cache.responses.hits);
        this.inc({ result: 'miss' }, cache.responses.misses);
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
    const name = this.operation(operation);
    // By plan, outcome and operation: a lookup builds no key.
    let byOutcome = this.requestSeries.get(plan);
    if (!byOutcome) {
      byOutcome = new Map();
      this.requestSeries.set(plan, byOutcome);
    }
    let byOperation = byOutcome.get(outcome);
    if (!byOperation) {
      byOperation = new Map();
      byOutcome.set(outcome, byOperation);
    }
    let requests = byOperation.get(name);
    if (!requests) {
      requests = this.requests.series({ operation: name, outcome, plan });
      byOperation.set(name, requests);
    }
    requests.inc();
    let duration = this.durationSeries.get(outcome);
    if (!duration) {
      duration = this.duration.series({ outcome });
      this.durationSeries.set(outcome, duration);
    }
    duration.observe(seconds);
  }

  rejection(code: string): void {
    this.rejections.inc({ code });
  }

  fetch(subgraph: string, ok: boolean, seconds: number): void {
    let series = this.fetchSeries.get(subgraph);
    if (!series) {
      series = [undefined, undefined];
      this.fetchSeries.set(subgraph, series);
    }
    const at = ok ? 0 : 1;
    (series[at] ??= this.fetches.series({ subgraph, outcome: ok ? 'ok' : 'error' })).observe(seconds);
  }

  keyLookup(hit: boolean): void {
    if (hit) (this.keyHits ??= this.keyLookups.series({ result: 'hit' })).inc();
    else (this.keyMisses ??= this.keyLookups.series({ result: 'miss' })).inc();
  }

  planBuilt(when: 'start' | 'request'): void {
    this.plansBuilt.inc({ when });
  }
}
