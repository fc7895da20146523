/**
 * `/graphql` over HTTP: the checks a request passes before Apollo Server sees it (the declared and the real
 * body size, the operation's size, the persisted-query extension), each refusal a coded JSON body, and the
 * hand-over to Apollo Server with its answer written back.
 */
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { errorBody, errorCatalog } from '@meridian/schema';
import express, { type Request } from 'express';
import { parse as parseUrl } from 'node:url';
import { sendError } from '../refusals';

/** Largest JSON body a GraphQL request may have. */
export const MAX_BODY_BYTES = 1_000_000;

/** What the route needs of the service's options. */
export interface GraphQLRouteOptions<Context extends BaseContext> {
  readonly context: (request: Request) => Promise<Context>;
  readonly maxQueryBytes?: number;
}

/** What a body over the limit is told: the limit, its maximum and, when declared, the size. */
export function bodyTooLarge(res: express.Response, declared?: number): void {
  sendError(res, 'PAYLOAD_TOO_LARGE', `the request body exceeds ${MAX_BODY_BYTES} bytes`, {
    limit: 'bodyBytes',
    maximum: MAX_BODY_BYTES,
    ...(declared === undefined ? {} : { actual: declared }),
  });
}

/** How long the rest of a refused body is read and dropped before the refusal is sent anyway. */
const REFUSED_BODY_DRAIN_MS = 1_000;

/**
 * A body declared larger than the limit is refused without being parsed. The answer waits until the client
 * has sent the rest (read and dropped), or at most a second: answering while the client still writes makes it
 * see a broken pipe rather than the refusal, and a client that stalls mid-body gets its answer anyway.
 * Returns whether the request was refused.
 */
function refusedAsDeclaredTooLarge(req: express.Request, res: express.Response): boolean {
  const header = req.headers['content-length'];
  const declared = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  if (declared === undefined || declared <= MAX_BODY_BYTES) return false;
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    bodyTooLarge(res, declared);
  };
  const timer = setTimeout(answer, REFUSED_BODY_DRAIN_MS);
  req.on('end', answer);
  req.resume();
  return true;
}

/** A GraphQL request parameter as Apollo Server reads it: from a JSON body, else the query string (GET). */
function requestParameter(req: express.Request, name: 'query' | 'extensions'): unknown {
  const body: unknown = req.body;
  if (body && typeof body === 'object') return (body as Record<string, unknown>)[name];
  return req.query[name];
}

/**
 * Refuses an operation text over `maxQueryBytes` before GraphQL parses it, naming the limit and the size, on
 * POST bodies and GET query strings alike. Returns whether the request was refused.
 */
function refusedQueryBytes(
  req: express.Request,
  res: express.Response,
  maxQueryBytes: number | undefined,
): boolean {
  if (maxQueryBytes === undefined) return false;
  const query = requestParameter(req, 'query');
  if (typeof query !== 'string') return false;
  // No character takes more than 3 UTF-8 bytes per UTF-16 unit: a text short enough is not measured.
  if (query.length * 3 <= maxQueryBytes) return false;
  const bytes = Buffer.byteLength(query);
  if (bytes <= maxQueryBytes) return false;
  const violations = [{ limit: 'queryBytes', maximum: maxQueryBytes, actual: bytes }];
  res
    .status(errorCatalog.OPERATION_LIMIT_EXCEEDED.httpStatus)
    .json(
      errorBody(
        'OPERATION_LIMIT_EXCEEDED',
        `the operation is ${bytes} bytes long; the limit is ${maxQueryBytes}`,
        { violations },
      ),
    );
  return true;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * The automatic-persisted-query extension, when a request has one, must be `{ version: 1, sha256Hash }` with a
 * SHA-256 in hex; anything else is the client's mistake, answered 400 rather than looked up. Returns whether
 * the request was refused.
 */
function refusedPersistedQuery(req: express.Request, res: express.Response): boolean {
  let extensions = requestParameter(req, 'extensions');
  if (extensions === undefined) return false;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return false;
    }
  }
  const persisted =
    extensions && typeof extensions === 'object'
      ? (extensions as { persistedQuery?: unknown }).persistedQuery
      : undefined;
  if (persisted === undefined) return false;
  const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
  if (version === 1 && typeof sha256Hash === 'string' && SHA256_HEX.test(sha256Hash)) return false;
  sendError(
    res,
    'BAD_REQUEST',
    'extensions.persistedQuery must be { "version": 1, "sha256Hash": <the SHA-256 of the operation text, 64 hexadecimal digits> }',
  );
  return true;
}

/**
 * `/graphql` as one handler rather than a chain of middlewares (each a trip through the router): the declared
 * body size, the JSON body (express's parser: its refusals reach the error handler as before), the operation's
 * size and persisted-query extension, then Apollo Server.
 */
export function graphqlRoute<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: GraphQLRouteOptions<Context>,
): express.RequestHandler {
  const parseJson = express.json({ limit: MAX_BODY_BYTES });
  return (req, res, next) => {
    if (refusedAsDeclaredTooLarge(req, res)) return;
    parseJson(req, res, (error?: unknown) => {
      if (error) return next(error);
      try {
        if (refusedQueryBytes(req, res, options.maxQueryBytes) || refusedPersistedQuery(req, res)) return;
        executeGraphQL(apollo, req, res, options.context).catch(next);
      } catch (thrown) {
        next(thrown);
      }
    });
  };
}

/** Content types of Apollo's answers that `res.send` would write unchanged (it only ensures the charset). */
const SENT_AS_IS = new Set([
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
]);

/**
 * Hands the request to Apollo Server and writes its answer, as Apollo's express integration does. A complete
 * answer of the usual kind (a JSON body on a 2xx or 4xx status, to a request with no conditional headers) is
 * written with `res.end`, which is what `res.send` comes down to for it; anything else goes through
 * `res.send`, whose HEAD, 204/205/304, charset and freshness rules then apply.
 */
async function executeGraphQL<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  req: express.Request,
  res: express.Response,
  context: (request: Request) => Promise<Context>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method.toUpperCase(),
      headers,
      search: req.url.includes('?') ? (parseUrl(req.url).search ?? '') : '',
      body: req.body,
    },
    context: () => context(req),
  });
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status || 200;
  if (answer.body.kind === 'complete') {
    const type = res.getHeader('content-type');
    const plain =
      req.method !== 'HEAD' &&
      res.statusCode !== 204 &&
      res.statusCode !== 205 &&
      res.statusCode !== 304 &&
      req.headers['if-none-match'] === undefined &&
      req.headers['if-modified-since'] === undefined &&
      typeof type === 'string' &&
      SENT_AS_IS.has(type) &&
      !res.hasHeader('transfer-encoding');
    if (plain) res.end(answer.body.string);
    else res.send(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) {
    res.write(chunk);
    (res as { flush?: () => void }).flush?.();
  }
  res.end();
}
