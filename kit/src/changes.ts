/**
 * Each subgraph's change feed: what it wrote, announced as it happens, so the gateway can drop what it cached
 * of that subgraph's answers. Writes are announced through the service's pub/sub (Redis between replicas), and
 * every replica streams the announcements at `GET /internal/changes` as server-sent events, guarded by the
 * internal token. A mutation announces itself (`mutationChangesPlugin`); writes that are not GraphQL (bulk
 * ingest, usage intake) call `announceChange`.
 *
 * The feed says that something of the subgraph changed, not what: the gateway drops the subgraph's answers
 * that depend on who asks, and also the shared ones when `shared` is set (reference data changed).
 */
import crypto from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { CHANGES_PATH, INTERNAL_TOKEN_HEADER } from '@meridian/contracts';
import type { Express, Request } from 'express';
import { sendError } from './refusals';
import type { PubSub } from 'type-graphql';

const CHANGES_TOPIC = 'changes';
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

export interface SubgraphChange {
  /** What was written, for logs: `mutation`, `readings`, `usage`, … */
  readonly kind: string;
  /** Data every caller shares changed too (not only per-partner data). */
  readonly shared?: boolean;
}

export function announceChange(pubSub: PubSub, change: SubgraphChange): void {
  pubSub.publish(CHANGES_TOPIC, change);
}

/** Whether a request carries the internal token, compared in constant time. */
export function hasInternalToken(req: Request, token: string): boolean {
  const given = Buffer.from(String(req.headers[INTERNAL_TOKEN_HEADER] ?? ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Serves the feed at `CHANGES_PATH`; a caller without the internal token gets 401. */
export function serveChanges(app: Express, pubSub: PubSub, internalToken: string): void {
  app.get(CHANGES_PATH, (req, res) => {
    if (!hasInternalToken(req, internalToken)) {
      sendError(res, 'UNAUTHENTICATED', `${CHANGES_PATH} needs the ${INTERNAL_TOKEN_HEADER} header`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(': connected\n\n');
    const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
    const changes = pubSub.subscribe(CHANGES_TOPIC)[Symbol.asyncIterator]();
    req.on('close', () => {
      clearInterval(heartbeat);
      void changes.return?.();
    });
    void (async () => {
      for (let next = await changes.next(); !next.done; next = await changes.next()) {
        res.write(`data: ${JSON.stringify(next.value)}\n\n`);
      }
    })().catch(() => res.destroy());
  });
}

/**
 * Announces every mutation the subgraph ran, once its answer is ready: even one that failed in part may have
 * written something.
 */
export function mutationChangesPlugin<Context extends BaseContext>(
  pubSub: PubSub,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') announceChange(pubSub, { kind: 'mutation' });
        },
      };
    },
  };
}
