/**
 * How the gateway talks to a subgraph. Every fetch carries the caller's principal, signed with the secret the
 * subgraphs share, and the trace context when tracing is on. A subgraph that cannot be reached, or answers with something that is
 * not a GraphQL response, becomes an error with code DOWNSTREAM_SERVICE_ERROR (GATEWAY_TIMEOUT when it was
 * too slow) naming the subgraph, while the data the other subgraphs gave is still returned.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  PRINCIPAL_HEADER,
  REQUEST_ID_HEADER,
  signPrincipal,
  type Logger,
  type Mode,
  type Principal,
} from '@meridian/kit';
import type { ErrorCode } from '@meridian/schema';
import type { GraphQLFormattedError } from 'graphql';
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { anonymous, type GatewayContext } from './context';
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
}

/**
 * How long a principal's signature is reused for further calls: one HMAC per caller per second rather than
 * one per subgraph call. Far inside the age subgraphs accept (PRINCIPAL_MAX_AGE_MS), and a grant changed by
 * billing is a new principal object, signed anew.
 */
const SIGNATURE_REUSE_MS = 1_000;

export class SubgraphDataSource extends RemoteGraphQLDataSource {
  private readonly signatures = new WeakMap<Principal, { readonly header: string; readonly at: number }>();
  /** Fetches in flight, by what their answer depends on. */
  private readonly inFlight = new InFlight<Awaited<ReturnType<RemoteGraphQLDataSource['process']>>>();

  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: subgraphFetcher(options.timeoutMs, options.pool) });
  }

  /** Fetches answered by an identical call already in flight. */
  get sharedFetches(): number {
    return this.inFlight.shared;
  }

  /** Every fetch carries the caller's principal, signed, so the subgraph can trust and filter by it. */
  override willSendRequest(options: GraphQLDataSourceProcessOptions): void {
    const context = options.context as Partial<GatewayContext> | undefined;
    context?.ledger?.subgraphs.add(this.options.name);
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

  override process(request: GraphQLDataSourceProcessOptions): ReturnType<RemoteGraphQLDataSource['process']> {
    const key = this.options.deduplicate ? fetchKey(request) : undefined;
    return key === undefined ? this.call(request) : this.inFlight.run(key, () => this.call(request));
  }

  private async call(
    request: GraphQLDataSourceProcessOptions,
  ): ReturnType<RemoteGraphQLDataSource['process']> {
    const started = performance.now();
    try {
      const response = await super.process(request);
      this.options.metrics.fetch(this.options.name, !response.errors, (performance.now() - started) / 1000);
      return response;
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
        return { errors: refused };
      }
      const timedOut = isTimeout(error);
      const code: ErrorCode = timedOut ? 'GATEWAY_TIMEOUT' : 'DOWNSTREAM_SERVICE_ERROR';
      logger.warn({ err: error, subgraph: name }, `subgraph ${name} failed`);
      const reason = timedOut ? `did not answer within ${timeoutMs} ms` : 'is unavailable';
      const detail = mode === 'development' && !timedOut ? `: ${describe(error)}` : '';
      return { errors: [{ message: `The ${name} service ${reason}${detail}`, extensions: { code } }] };
    }
  }
}

/**
 * What a fetch's answer depends on: the subgraph's query and variables, and who asks (the subgraph filters
 * rows by partner, operator, user and scopes). Undefined for a fetch that must run on its own: one made for a
 * mutation, whose plan writes and then reads what it wrote.
 */
function fetchKey(options: GraphQLDataSourceProcessOptions): string | undefined {
  if (!('incomingRequestContext' in options)) return undefined;
  if (options.incomingRequestContext.operation?.operation !== 'query') return undefined;
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
