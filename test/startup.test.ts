/** Starting and stopping: bad configuration, a start that fails halfway, and a second start on the same data. */
import { spawnSync } from 'node:child_process';
import { serviceEntries, ServiceStartError } from '@meridian/stack';
import { freshDataDir, post, startTestStack } from './support/platform';

const EXIT_CONFIG = 78;

describe('starting the platform', () => {
  it.each(['matches', 'telemetry', 'billing', 'gateway'] as const)(
    '%s refuses a bad PORT, naming the variable, with a non-zero exit',
    (name) => {
      const result = spawnSync(process.execPath, [serviceEntries[name]], {
        env: { PATH: process.env.PATH, PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: freshDataDir() },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(EXIT_CONFIG);
      expect(result.stderr).toContain('PORT="abc"');
      expect(result.stderr).toContain('LOG_LEVEL="loud"');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('stops the services it already started when a later one fails', async () => {
    const logs: string[] = [];
    const dataDir = freshDataDir();
    const failing = startTestStack({ dataDir, logs, env: { SUPERGRAPH_FILE: `${dataDir}/missing.graphql` } });
    await expect(failing).rejects.toThrow(ServiceStartError);
    await expect(failing).rejects.toThrow(
      /gateway exited .* before it was ready[\s\S]*cannot read the supergraph/,
    );
    // The three subgraphs had started; none of them still listens.
    const started = logs.flatMap((line) =>
      [...line.matchAll(/ready at (http:\/\/[\d.:]+)/g)].map((m) => m[1]),
    );
    expect(started).toHaveLength(3);
    for (const url of started) await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('reuses the data of an earlier start instead of seeding again', async () => {
    const dataDir = freshDataDir();
    const first = await startTestStack({ dataDir });
    const query = { query: '{ teams { id name } customers { id name } fleet { registration } }' };
    const before = await post(first.graphqlUrl, query);
    await first.close();
    expect(first.logs.filter((line) => line.includes('created and seeded store'))).toHaveLength(3);

    const second = await startTestStack({ dataDir });
    try {
      expect(second.logs.filter((line) => line.includes('using the existing store'))).toHaveLength(3);
      expect(second.logs.some((line) => line.includes('created and seeded'))).toBe(false);
      expect((await post(second.graphqlUrl, query)).body).toEqual(before.body);
    } finally {
      await second.close();
    }
  });
});
