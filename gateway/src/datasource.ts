/**
 * How the gateway talks to a subgraph. Every fetch carries the caller's principal, signed with the secret the
 * subgraphs share, and the trace context when tracing is on. A subgraph that cannot be reached, or answers
 * with something that is not a GraphQL response, becomes an error with code DOWNSTREAM_SERVICE_ERROR
 * (GATEWAY_TIMEOUT when it was too slow) naming the subgraph, while the data the other subgraphs gave is still
 * returned. A query's fetches may be answered by the cache (`cache/`) or by an identical fetch in flight; the
 * answer's cache hint, from the subgraph's `Cache-Control`, restricts the caching of the whole response.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Mode } from '@meridian/kit/env';
import { REQUEST_ID_HEADER } from '@meridian/kit/http';
import type { Logger } from '@meridian/kit/log';
import { PRINCIPAL_HEADER, signPrincipal, type Principal } from '@meridian/kit/principal';
import type { ErrorCode } from '@meridian/schema';
import type { GraphQLFormattedError } from 'graphql';
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { anonymous } from './auth/identify';
import type { GatewayContext } from './request';
import { FetchCache, hintOf, noteAge, type AnswerCache, type Fetched } from './cache';
import { identityKey, InFlight, variablesKey } from './dedup';
import { injectTraceContext, type GatewayMetrics } from './observability';
import { subgraphFetcher } from './subgraph-fetch';

export interface SubgraphDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
  readonly mode: Mode;
  readonly logger: Logger;
  readonly principalSecret: string;
  readonly metrics: GatewayMetrics;
  /** The keep-alive connections to the subgraphs (`subgraphPool()`), shared by every data source. */
  readonly pool: Dispatcher;
  /**
   * Identical fetches in flight at once (same query, variables and caller's identity) share one call; off,
   * every fetch is its own call. Fetches of a mutation's plan are never shared.
   */
  readonly deduplicate: boolean;
  /** Where answers the subgraph allows to be cached are kept; undefined: nothing is cached. */
  readonly cache?: AnswerCache;
}

/**
 * How long a principal's signature is reused for further calls: one HMAC per caller per second rather than
 * one per subgraph call. Far inside the age subgraphs accept (PRINCIPAL_MAX_AGE_MS), and a grant changed by
 * billing is a new principal object, signed anew.
 */
const SIGNATURE_REUSE_MS = 1_000;

/** A subgraph's answer as the executor takes it. */
type SubgraphAnswer = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export class SubgraphDataSource extends RemoteGraphQLDataSource {
  private readonly signatures = new WeakMap<Principal, { readonly header: string; readonly at: number }>();
  /** Fetches in flight, by what their answer depends on. */
  private readonly inFlight = new InFlight<Fetched<SubgraphAnswer>>();
  private readonly cache: FetchCache | undefined;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    // Each fetch's cache hint is applied to its request here, for requests that shared the fetch too.
    super({
      url: options.url,
      fetcher: subgraphFetcher(options.timeoutMs, options.pool),
      honorSubgraphCacheControlHeader: false,
    });
    this.cache = options.cache && new FetchCache(options.name, options.cache);
  }

  /** Fetches answered by an identical call already in flight. */
  get sharedFetches(): number {
    return this.inFlight.shared;
  }

  /** Every fetch carries the caller's principal, signed, so the subgraph can trust and filter by it. */
  override willSendRequest(options: GraphQLDataSourceProcessOptions): void {
    const context = options.context as Partial<GatewayContext> | undefined;
    const principal = context?.principal ?? anonymous([]);
    options.request.http?.headers.set(PRINCIPAL_HEADER, this.signed(principal));
    if (context?.requestId) options.request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    injectTraceContext(options.request.http?.headers);
  }

  private signed(principal: Principal): string {
    const now = Date.now();
    const known = this.signatures.get(principal);
    if (known && now >= known.at && now - known.at < SIGNATURE_REUSE_MS) return known.header;
    const header = signPrincipal(principal, this.options.principalSecret, now);
    this.signatures.set(principal, { header, at: now });
    return header;
  }

  /**
   * A fetch of a query's plan is answered from the cache where it can be, then by an identical call in
   * flight, then by a call of its own. A mutation's fetches always call, and drop what the cache holds of
   * this subgraph once they are done.
   */
  override async process(options: GraphQLDataSourceProcessOptions): Promise<SubgraphAnswer> {
    const context = options.context as Partial<GatewayContext> | undefined;
    context?.ledger?.subgraphs.add(this.options.name);
    const kind = operationKind(options);
    const fetched =
      kind === 'query' && this.cache
        ? await this.cache.fetch(options, context?.principal ?? anonymous([]), (o) => this.shared(o))
        : await this.shared(options);
    if (kind === 'mutation') this.options.cache?.invalidate(this.options.name, true);
    // The websocket door plans subscription events itself, with a request context that has no cache policy.
    if ('incomingRequestContext' in options && options.incomingRequestContext.overallCachePolicy) {
      options.incomingRequestContext.overallCachePolicy.restrict(fetched.hint ?? { maxAge: 0 });
      if (fetched.ageMs !== undefined && context) noteAge(context, fetched.ageMs);
    }
    return fetched.response;
  }

  private shared(options: GraphQLDataSourceProcessOptions): Promise<Fetched<SubgraphAnswer>> {
    const key = this.options.deduplicate ? fetchKey(options) : undefined;
    return key === undefined ? this.call(options) : this.inFlight.run(key, () => this.call(options));
  }

  private async call(options: GraphQLDataSourceProcessOptions): Promise<Fetched<SubgraphAnswer>> {
    const started = performance.now();
    try {
      const { http, ...response } = await super.process(options);
      this.options.metrics.fetch(this.options.name, !response.errors, (performance.now() - started) / 1000);
      return { response, hint: hintOf(http?.headers.get('cache-control')) };
    } catch (error) {
      this.options.metrics.fetch(this.options.name, false, (performance.now() - started) / 1000);
      const { name, timeoutMs, mode, logger } = this.options;
      const refused = refusalOf(error);
      if (refused) {
        // The subgraph's own access check refused what the gateway let through: its coded errors say why.
        logger.warn(
          { subgraph: name, errors: refused },
          `subgraph ${name} refused an operation the gateway allowed`,
        );
        return { response: { errors: refused }, hint: undefined };
      }
      const timedOut = isTimeout(error);
      const code: ErrorCode = timedOut ? 'GATEWAY_TIMEOUT' : 'DOWNSTREAM_SERVICE_ERROR';
      logger.warn({ err: error, subgraph: name }, `subgraph ${name} failed`);
      const reason = timedOut ? `did not answer within ${timeoutMs} ms` : 'is unavailable';
      const detail = mode === 'development' && !timedOut ? `: ${describe(error)}` : '';
      return {
        response: { errors: [{ message: `The ${name} service ${reason}${detail}`, extensions: { code } }] },
        hint: undefined,
      };
    }
  }
}

/** The kind of operation a fetch was planned for; undefined for a fetch made outside a request. */
function operationKind(options: GraphQLDataSourceProcessOptions): string | undefined {
  return 'incomingRequestContext' in options
    ? options.incomingRequestContext.operation?.operation
    : undefined;
}

/**
 * What a fetch's answer depends on: the subgraph's query and variables, and who asks (the subgraph filters
 * rows by partner, operator, user and scopes). Undefined for a fetch that must run on its own: one made for a
 * mutation, whose plan writes and then reads what it wrote.
 */
function fetchKey(options: GraphQLDataSourceProcessOptions): string | undefined {
  if (operationKind(options) !== 'query') return undefined;
  const { query, variables } = options.request;
  if (query === undefined) return undefined;
  const context = options.context as Partial<GatewayContext> | undefined;
  const json = variablesKey(variables);
  return json === undefined
    ? undefined
    : `${identityKey(context?.principal ?? anonymous([]))}\n${query}\n${json}`;
}

/**
 * The coded errors of a subgraph that refused the call with 401 or 403 (its own access check: see kit's
 * access guard), as Apollo's data source reports them; undefined for any other failure.
 */
function refusalOf(error: unknown): GraphQLFormattedError[] | undefined {
  const response = (error as { extensions?: { response?: { status?: unknown; body?: unknown } } })?.extensions
    ?.response;
  if (response?.status !== 401 && response?.status !== 403) return undefined;
  const errors = (response.body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const coded = errors.filter(
    (e): e is GraphQLFormattedError =>
      typeof (e as GraphQLFormattedError)?.message === 'string' &&
      typeof (e as GraphQLFormattedError).extensions?.code === 'string',
  );
  return coded.length === errors.length ? coded : undefined;
}

function isTimeout(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause;
  return [error, cause].some((e) => (e as { name?: string })?.name === 'TimeoutError');
}

/** The reason a call failed: the system's or undici's error code when there is one (ECONNREFUSED, say). */
function describe(error: unknown): string {
  const failure = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return (
    failure?.cause?.code ?? failure?.code ?? failure?.cause?.message ?? failure?.message ?? String(error)
  );
}
