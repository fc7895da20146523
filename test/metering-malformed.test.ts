/**
 * One malformed usage event costs nobody else's usage: the gateway ships a spooled segment in which a bad
 * event sits between valid events of two partners, billing records every valid one, and the gateway keeps
 * only the refused events aside, with billing's reasons, for an operator to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { post, signIn, startTestStack, type TestStack } from './support/platform';

/** How long the gateway may take to ship the segment it finds at start. */
const SHIPPED_WITHIN_MS = 20_000;
const SEGMENT = 'usage-000000000001.ndjson';

const event = (id: string, partnerId: string, overrides: Record<string, unknown> = {}) => ({
  id,
  occurredAt: '2025-06-10T10:00:00.000Z',
  partnerId,
  keyId: `key_spooled_${partnerId}`,
  operation: 'Spooled',
  subgraphs: ['matches'],
  cost: 3,
  durationMs: 1.5,
  outcome: 'ok',
  bytes: 120,
  subscriptionMessages: 0,
  ...overrides,
});

describe('metering with a malformed event in the spool', () => {
  let stack: TestStack;
  let spoolDir: string;

  beforeAll(async () => {
    // What an earlier gateway left on disk: a segment whose third and sixth events billing must refuse.
    spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-spool-'));
    const lines = [
      event('spooled_a1', 'par_0001'),
      event('spooled_b1', 'par_0002'),
      event('spooled_bad_cost', 'par_0001', { cost: -40 }),
      event('spooled_a2', 'par_0001'),
      event('spooled_b2', 'par_0002'),
      event('spooled_bad_bytes', 'par_0002', { bytes: 2 ** 40 }),
      event('spooled_a3', 'par_0001'),
    ].map((line) => JSON.stringify(line));
    fs.writeFileSync(path.join(spoolDir, SEGMENT), `${lines.join('\n')}\n`);
    stack = await startTestStack({ env: { SPOOL_DIR: spoolDir } });
  });

  it("records every partner's valid events and keeps only the refused ones aside", async () => {
    const started = Date.now();
    while (fs.existsSync(path.join(spoolDir, SEGMENT)) && Date.now() - started < SHIPPED_WITHIN_MS) {
      await sleep(100);
    }
    expect(fs.existsSync(path.join(spoolDir, SEGMENT))).toBe(false);

    const graphqlUrl = `${stack.urls.gateway}/graphql`;
    const admin = await signIn(graphqlUrl);
    const recorded = async (partnerId: string) => {
      const { body } = await post<{ usage: { points: { requests: number }[] }[] }>(
        graphqlUrl,
        {
          query: `query($p: ID) { usage(partnerId: $p, from: "2025-06-01T00:00:00Z", to: "2025-07-01T00:00:00Z") {
            points { requests } } }`,
          variables: { p: partnerId },
        },
        admin,
      );
      expect(body.errors).toBeUndefined();
      return body.data!.usage.flatMap((series) => series.points).reduce((sum, p) => sum + p.requests, 0);
    };
    expect(await recorded('par_0001')).toBe(3);
    expect(await recorded('par_0002')).toBe(2);

    const kept = fs
      .readFileSync(path.join(spoolDir, 'rejected', SEGMENT), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event?: { id: string }; field?: string | null; reason?: string });
    expect(kept.map(({ event, field }) => ({ id: event?.id, field }))).toEqual([
      { id: 'spooled_bad_cost', field: 'cost' },
      { id: 'spooled_bad_bytes', field: 'bytes' },
    ]);
    expect(kept.every(({ reason }) => typeof reason === 'string' && reason.length > 0)).toBe(true);
  });
});
