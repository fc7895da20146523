/**
 * The keep-alive connections to the subgraphs, opened while the gateway starts rather than by the first
 * requests after a deploy: a few `GET /healthz` at once to each subgraph, through the pool every fetch uses.
 * A subgraph that does not answer within `timeoutMs` is left to its first request, as before.
 */
import type { Logger } from '@meridian/kit/log';
import { request, type Dispatcher } from 'undici';

/** Connections opened to each subgraph: what a first burst of requests would otherwise open itself. */
const CONNECTIONS_PER_SUBGRAPH = 4;

export async function openConnections(
  pool: Dispatcher,
  subgraphs: readonly { readonly name: string; readonly url: string }[],
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  await Promise.all(
    subgraphs.flatMap(({ name, url }) =>
      Array.from({ length: CONNECTIONS_PER_SUBGRAPH }, async () => {
        try {
          const response = await request(new URL('/healthz', url), {
            dispatcher: pool,
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.body.dump();
        } catch (error) {
          logger.debug({ err: error, subgraph: name }, 'could not open a connection at start');
        }
      }),
    ),
  );
}
