import 'reflect-metadata';
import fs from 'node:fs';
import { checkApiSchema, printApiSchema } from '@meridian/schema';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose';

describe('schema/supergraph.graphql', () => {
  it('is what composing the subgraphs gives today (run `npm run compose` when this fails)', async () => {
    const composed = await composeSupergraph();
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composed);
  });

  it('keeps every operation of the latest release working: no breaking change (npm run schema:check)', async () => {
    const { baseline, breaking } = await checkApiSchema(printApiSchema(await composeSupergraph()));
    expect(baseline).toBeDefined();
    expect(breaking.map((change) => change.message)).toEqual([]);
  });

  it('joins billing customers to the matches they broadcast and the aircraft they operate', async () => {
    const composed = await composeSupergraph();
    expect(composed).toMatch(/broadcasts: \[Match!\]! @join__field\(graph: MATCHES\)/);
    expect(composed).toMatch(/aircraft: \[Aircraft!\]! @join__field\(graph: TELEMETRY\)/);
    expect(composed).toMatch(
      /type Match\n {2}@join__type\(graph: MATCHES, key: "id"\)[^}]*broadcaster: Customer\n/,
    );
  });
});
