/**
 * The HTTP client the gateway calls its subgraphs with: undici's `request` over one keep-alive pool per
 * gateway, adapted to the small Fetch API subset `@apollo/gateway`'s data source uses. The WHATWG `fetch`
 * Node ships costs several times as much CPU per call (streams, `Request`/`Response` objects, body mixins)
 * and Apollo's default fetcher (make-fetch-happen) is no cheaper; with two or three subgraph calls per
 * operation that was the larger part of what the gateway spent per request beyond bare Apollo.
 *
 * Each call has one deadline over the whole exchange (headers and body); when it passes, the call fails with
 * a `TimeoutError`, as `AbortSignal.timeout` makes it.
 */
import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request, type Dispatcher } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/** The keep-alive connections to the subgraphs, one pool for all of them; closed with the gateway. */
export function subgraphPool(): Agent {
  return new Agent();
}

/** A fetcher for subgraph calls over `pool`, each given up after `timeoutMs`. */
export function subgraphFetcher(timeoutMs: number, pool: Dispatcher): Fetcher {
  return async (url, init = {}) => {
    const response = await request(url, {
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      dispatcher: pool,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is read whole before Apollo sees the response, so the deadline covers it too.
    const text = await response.body.text();
    return new SubgraphResponse(url, response.statusCode, response.headers, text);
  };
}

/** A response already read whole. */
class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: FetcherHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Dispatcher.ResponseData['headers'],
    private readonly body: string,
  ) {
    this.headers = new ResponseHeaders(headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new SubgraphResponse(this.url, this.status, {}, this.body);
  }
}

/** Response headers by lower-case name; a repeated header reads as its values joined by `, `. */
class ResponseHeaders implements FetcherHeaders {
  private readonly byName = new Map<string, string>();

  constructor(headers: Dispatcher.ResponseData['headers']) {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined)
        this.byName.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.byName.set(name.toLowerCase(), value);
  }

  append(name: string, value: string): void {
    const present = this.get(name);
    this.set(name, present === null ? value : `${present}, ${value}`);
  }

  delete(name: string): void {
    this.byName.delete(name.toLowerCase());
  }

  entries(): IterableIterator<[string, string]> {
    return this.byName.entries();
  }

  keys(): IterableIterator<string> {
    return this.byName.keys();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.byName.entries();
  }

  values(): IterableIterator<string> {
    return this.byName.values();
  }
}
