/**
 * The store of a subgraph: SQLite through better-sqlite3 (one file per service, WAL) by default, or a
 * PostgreSQL schema of its own when the service is given a `DATABASE_URL`. Both are reached through Kysely, so
 * each store's queries are written once. Migrations are TypeScript modules applied in name order on every
 * start; a database already at the newest migration is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  sql,
  SqliteDialect,
  type Dialect,
  type Migration,
} from 'kysely';
import pg from 'pg';

export type Migrations = Readonly<Record<string, Migration>>;

/** Where a store lives. */
export type DatabaseLocation =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly schema: string };

export interface OpenDatabaseOptions<DB> {
  readonly location: DatabaseLocation;
  readonly migrations: Migrations;
  /** Writes the demo data when the store is empty; resolves to whether it did. */
  readonly seedIfEmpty: (db: Kysely<DB>) => Promise<boolean>;
}

export interface OpenedDatabase<DB> {
  readonly db: Kysely<DB>;
  /** Whether the store was empty and got the demo data. */
  readonly seeded: boolean;
}

/** Connections each service keeps to PostgreSQL. */
const POSTGRES_POOL_SIZE = 10;

/** Where `location` is described for logs, without credentials. */
export function describeLocation(location: DatabaseLocation): string {
  if (location.dialect === 'sqlite') return location.file;
  const url = new URL(location.url);
  return `postgres://${url.host}${url.pathname} schema ${location.schema}`;
}

export async function openDatabase<DB>(options: OpenDatabaseOptions<DB>): Promise<OpenedDatabase<DB>> {
  const { location } = options;
  // Replicas starting together on one PostgreSQL migrate and seed one after the other: the first does
  // the work, the others find it done.
  const unlock = location.dialect === 'postgres' ? await lockSchema(location) : undefined;
  try {
    const dialect =
      location.dialect === 'sqlite' ? sqliteDialect(location.file) : await postgresDialect(location);
    const db = new Kysely<DB>({ dialect });
    try {
      await migrate(db, options.migrations, location.dialect === 'postgres' ? location.schema : undefined);
      return { db, seeded: await options.seedIfEmpty(db) };
    } catch (error) {
      await db.destroy();
      throw error;
    }
  } finally {
    await unlock?.();
  }
}

/**
 * Holds a PostgreSQL advisory lock named after the schema until the returned function is called. The lock
 * belongs to its connection, so a replica that dies while holding it releases it.
 */
async function lockSchema(location: { url: string; schema: string }): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  const name = `meridian:schema:${location.schema}`;
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
  } catch (error) {
    await client.end();
    throw error;
  }
  return async () => {
    try {
      await client.query('select pg_advisory_unlock(hashtext($1))', [name]);
    } finally {
      await client.end();
    }
  };
}

export type SqliteConnection = SQLite.Database;

/**
 * A connection to the SQLite `file` (created if missing) with the settings every connection of a service
 * uses: WAL, so readers and the one writer do not wait for each other, and a writer waits its turn.
 */
export function openSqlite(file: string): SqliteConnection {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

function sqliteDialect(file: string): Dialect {
  return new SqliteDialect({ database: openSqlite(file) });
}

async function postgresDialect(location: { url: string; schema: string }): Promise<Dialect> {
  const schema = quoteIdentifier(location.schema);
  const setup = new pg.Client({ connectionString: location.url });
  await setup.connect();
  try {
    await setup.query(`create schema if not exists ${schema}`);
  } finally {
    await setup.end();
  }
  // Every connection works in the service's own schema, so the stores never name it.
  const pool = new pg.Pool({
    connectionString: location.url,
    max: POSTGRES_POOL_SIZE,
    options: `-c search_path=${schema}`,
  });
  // An idle connection that PostgreSQL closes (a restart, a failover) is an 'error' on the pool, which would
  // end the process unheard. The pool drops that connection and opens a new one for the next query; the
  // queries that fail meanwhile report the outage themselves (and /healthz answers 503).
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name))
    throw new Error(`invalid PostgreSQL schema name "${name}"`);
  return `"${name}"`;
}

async function migrate<DB>(db: Kysely<DB>, migrations: Migrations, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`, { cause: error });
  }
}

/** Resolves when the database answers a trivial query; what `/healthz` checks. */
export async function pingDatabase<DB>(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}

export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Column types that mean the same on both engines, for migrations: SQLite's `real` is a double but
 * PostgreSQL's is a single-precision float, and only PostgreSQL calls binary data `bytea`.
 */
export function columnTypes<DB>(db: Kysely<DB>) {
  const postgres = isPostgres(db);
  return {
    double: postgres ? 'double precision' : 'real',
    binary: postgres ? 'bytea' : 'blob',
    bigint: postgres ? 'bigint' : 'integer',
  } as const;
}
