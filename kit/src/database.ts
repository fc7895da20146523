/**
 * The embedded store: one SQLite file per service (better-sqlite3, WAL), reached through Kysely so the same
 * queries run on PostgreSQL when a service is given a `DATABASE_URL`. Migrations are TypeScript modules
 * applied in name order on every start; a database already at the newest migration is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect, type Migration } from 'kysely';

export type Migrations = Readonly<Record<string, Migration>>;

export interface OpenDatabaseOptions<DB> {
  /** Path of the SQLite file; its folder is created when missing. */
  readonly file: string;
  readonly migrations: Migrations;
  /** Writes the demo data when the store is empty; resolves to whether it did. */
  readonly seedIfEmpty: (db: Kysely<DB>) => Promise<boolean>;
}

export interface OpenedDatabase<DB> {
  readonly db: Kysely<DB>;
  /** Whether the store was empty and got the demo data. */
  readonly seeded: boolean;
}

export async function openDatabase<DB>(options: OpenDatabaseOptions<DB>): Promise<OpenedDatabase<DB>> {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const sqlite = new SQLite(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, options.migrations);
    return { db, seeded: await options.seedIfEmpty(db) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Resolves when the database answers a trivial query; what `/healthz` checks. */
export async function pingDatabase<DB>(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}

export async function migrate<DB>(db: Kysely<DB>, migrations: Migrations): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`, { cause: error });
  }
}
