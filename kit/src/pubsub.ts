/**
 * Publish/subscribe for live data (tracking frames, sensor readings, alerts): in-process by default, through
 * Redis when the service has a `REDIS_URL`, so a subscriber on one replica receives what another published.
 * The result plugs into type-graphql's `pubSub` option. Payloads cross Redis as JSON in which typed arrays
 * keep their type (`redisSerializer`): live summaries are published as typed arrays.
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

/** The typed arrays a payload may hold, by name. */
const TYPED_ARRAYS = { Float64Array, Uint32Array } as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

interface EncodedTypedArray {
  readonly $typed: TypedArrayName;
  readonly base64: string;
}

const isEncoded = (value: unknown): value is EncodedTypedArray =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as EncodedTypedArray).base64 === 'string' &&
  Object.hasOwn(TYPED_ARRAYS, (value as EncodedTypedArray).$typed);

/**
 * JSON in which a `Float64Array` or `Uint32Array` crosses as the base64 of its bytes and comes back as the
 * same type, rather than as an object of numbered keys (what `JSON.stringify` makes of a typed array).
 * @internal
 */
export const redisSerializer = {
  stringify: (message: unknown): string =>
    JSON.stringify(message, (_key, value: unknown) => {
      for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) {
        if (value instanceof TYPED_ARRAYS[name]) {
          const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
          return { $typed: name, base64: bytes.toString('base64') } satisfies EncodedTypedArray;
        }
      }
      return value;
    }),
  parse: (text: string): unknown =>
    JSON.parse(text, (_key, value: unknown) => {
      if (!isEncoded(value)) return value;
      // Copied into a buffer of its own: a decoded Buffer may sit at any offset of a shared pool.
      const bytes = new Uint8Array(Buffer.from(value.base64, 'base64'));
      const type = TYPED_ARRAYS[value.$typed];
      // Bytes that are not whole elements were not written by `stringify`: left as they came.
      return bytes.byteLength % type.BYTES_PER_ELEMENT === 0 ? new type(bytes.buffer) : value;
    }),
};

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
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient, serializer: redisSerializer }),
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
