/**
 * Whether the servers a scaled-out deployment needs answer: what the cluster launcher checks before it starts
 * anything, so that a server that is down is named with how to start it rather than found by a replica
 * failing to start.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

/** Resolves when PostgreSQL at `url` answers a query within `timeoutMs`; rejects with the reason otherwise. */
export async function checkPostgres(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Resolves when Redis at `url` answers PING within `timeoutMs`; rejects with the reason otherwise. */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
