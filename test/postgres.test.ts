/**
 * The same platform on PostgreSQL: with `DATABASE_URL` every subgraph keeps its store in a schema of its own,
 * and the same seed gives the same answers as on SQLite. Skipped, saying so, when no PostgreSQL is configured.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EXAMPLE_QUERY, subgraphNames } from '@meridian/stack';
import { post, startTestStack, type TestStack } from './support/platform';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL is not set: skipping the PostgreSQL tests');
const describeWithPostgres = databaseUrl ? describe : describe.skip;

describeWithPostgres('the platform on PostgreSQL', () => {
  const prefix = `test_${randomBytes(4).toString('hex')}_`;
  let onPostgres: TestStack | undefined;
  let onSqlite: TestStack | undefined;

  beforeAll(async () => {
    onPostgres = await startTestStack({
      env: { DATABASE_URL: databaseUrl!, DATABASE_SCHEMA_PREFIX: prefix },
    });
    onSqlite = await startTestStack();
  });

  afterAll(async () => {
    await onPostgres?.close();
    await onSqlite?.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const name of subgraphNames) await client.query(`drop schema if exists "${prefix}${name}" cascade`);
    await client.end();
  });

  it('keeps each subgraph in its own schema', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ table_schema: string; count: string }>(
      `select table_schema, count(*) from information_schema.tables where table_schema like $1 group by 1`,
      [`${prefix}%`],
    );
    await client.end();
    expect(Object.fromEntries(rows.map((row) => [row.table_schema, Number(row.count)]))).toEqual({
      [`${prefix}matches`]: expect.any(Number),
      [`${prefix}telemetry`]: expect.any(Number),
      [`${prefix}billing`]: expect.any(Number),
    });
    expect(
      onPostgres!.logs.filter((line) => line.includes(`created and seeded store postgres://`)),
    ).toHaveLength(3);
  });

  it('answers the cross-subgraph example exactly as the SQLite platform does', async () => {
    const fromPostgres = await post(onPostgres!.graphqlUrl, { query: EXAMPLE_QUERY });
    const fromSqlite = await post(onSqlite!.graphqlUrl, { query: EXAMPLE_QUERY });
    expect(fromPostgres.body.errors).toBeUndefined();
    expect(fromPostgres.body).toEqual(fromSqlite.body);
  });
});
