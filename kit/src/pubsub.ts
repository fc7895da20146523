/**
 * Publish/subscribe for live data (tracking frames, sensor readings, alerts): in-process by default, through
 * Redis when the service has a `REDIS_URL`, so a subscriber on one replica receives what another published.
 * The result plugs into type-graphql's `pubSub` option.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub as createYogaPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import type { PubSub } from 'type-graphql';

export interface ClosablePubSub extends PubSub {
  /** Releases the Redis connections, if any. */
  close(): Promise<void>;
}

export interface PubSubOptions {
  readonly redisUrl?: string;
  /** Prefix of every Redis channel, so several platforms can share one Redis. */
  readonly channelPrefix?: string;
  /** Told of connection errors; ioredis reconnects by itself. */
  readonly onError?: (error: Error) => void;
}

/** Resolves once the client is connected; a subscriber that subscribes earlier breaks ioredis's ready check. */
async function connected(client: Redis): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('error', reject);
  });
}

export async function createPubSub(options: PubSubOptions = {}): Promise<ClosablePubSub> {
  if (!options.redisUrl) {
    const local = createYogaPubSub();
    return { publish: local.publish, subscribe: local.subscribe, close: async () => undefined };
  }
  const publishClient = new Redis(options.redisUrl);
  const subscribeClient = new Redis(options.redisUrl);
  try {
    await Promise.all([connected(publishClient), connected(subscribeClient)]);
  } catch (error) {
    publishClient.disconnect();
    subscribeClient.disconnect();
    throw new Error(`cannot reach Redis at ${options.redisUrl}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  for (const client of [publishClient, subscribeClient]) {
    // An error event without a listener would crash the process.
    client.on('error', (error: Error) => options.onError?.(error));
  }
  const shared = createYogaPubSub({
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
  });
  const prefix = options.channelPrefix ?? '';
  return {
    publish: (topic, ...args) => shared.publish(`${prefix}${topic}`, ...(args as [])),
    subscribe: (topic, id) =>
      shared.subscribe(`${prefix}${topic}`, ...((id === undefined ? [] : [id]) as [])),
    close: async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
