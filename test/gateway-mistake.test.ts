/**
 * Defense in depth: a gateway that forgot a rule opens nothing. The gateway here serves a supergraph from
 * which every `telemetry:read` rule was dropped (the kind of mistake a bad merge makes); telemetry still
 * checks the signed principal against its own schema, so a key without the scope is refused by telemetry,
 * and the client reads its coded refusal rather than an outage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HostilePlatform, type Key } from './hostile/corpus';
import { post } from './support/platform';

const SUPERGRAPH = require.resolve('@meridian/schema/supergraph.graphql');

describe('a gateway that lost a rule', () => {
  let platform: HostilePlatform;
  let matchesOnly: Key;

  beforeAll(async () => {
    const sdl = fs.readFileSync(SUPERGRAPH, 'utf8');
    const rule = '@requiresScopes(scopes: [["telemetry:read"]])';
    expect(sdl).toContain(rule);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-mistake-')), 'supergraph.graphql');
    fs.writeFileSync(file, sdl.split(rule).join(''));
    platform = await HostilePlatform.start({ SUPERGRAPH_FILE: file });
    const plan = await platform.createPlan('Gateway Mistake');
    const partner = await platform.createPartner('Mistaken Media', plan);
    matchesOnly = await platform.createKey(partner.id, ['matches:read']);
  });

  it('lets telemetry refuse a key without telemetry:read, with its own FORBIDDEN', async () => {
    const fetchesBefore = await platform.subgraphFetches();
    const { status, body } = await post(
      `${platform.gatewayUrl}/graphql`,
      { query: '{ fleets { id name } }' },
      matchesOnly.headers,
    );
    // The gateway let it through (it planned and called telemetry) ...
    expect(await platform.subgraphFetches()).toBeGreaterThan(fetchesBefore);
    // ... and telemetry refused it: no data, the refusal named, not an outage.
    expect(status).toBe(200);
    expect(body.data?.fleets ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refused: expect.arrayContaining([{ field: 'Query.fleets', missingScopes: [['telemetry:read']] }]),
    });
  });

  it('still answers the same query to a key that holds the scope', async () => {
    const plan = await platform.createPlan('Gateway Mistake Readers');
    const partner = await platform.createPartner('Reading Airline', plan);
    const reader = await platform.createKey(partner.id, ['telemetry:read']);
    const { body } = await post(
      `${platform.gatewayUrl}/graphql`,
      { query: '{ fleets { id } }' },
      reader.headers,
    );
    expect(body.errors).toBeUndefined();
    expect(Array.isArray(body.data?.fleets)).toBe(true);
  });
});
