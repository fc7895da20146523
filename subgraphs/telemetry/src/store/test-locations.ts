/**
 * Where the store tests run: a fresh SQLite file always, and a fresh PostgreSQL schema (dropped afterwards)
 * when the test run has a `DATABASE_URL`, so the same assertions hold on both engines.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseLocation } from '@meridian/kit';
import pg from 'pg';

export interface TestLocation {
  readonly name: 'sqlite' | 'postgres';
  /** A location no other test run uses. */
  create(): DatabaseLocation;
  /** Removes every location `create` gave. */
  dropAll(): Promise<void>;
}

export function testLocations(databaseUrl: string | undefined): TestLocation[] {
  const sqlite: TestLocation = {
    name: 'sqlite',
    create: () => ({
      dialect: 'sqlite',
      file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-')), 'telemetry.sqlite'),
    }),
    dropAll: async () => undefined,
  };
  if (!databaseUrl) {
    console.warn('DATABASE_URL is not set: telemetry store tests run on SQLite only');
    return [sqlite];
  }
  const schemas: string[] = [];
  const postgres: TestLocation = {
    name: 'postgres',
    create: () => {
      const schema = `telemetry_test_${randomBytes(5).toString('hex')}`;
      schemas.push(schema);
      return { dialect: 'postgres', url: databaseUrl, schema };
    },
    dropAll: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (const schema of schemas.splice(0))
          await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
  return [sqlite, postgres];
}
