import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SUPERGRAPH_FILE } from './config';
import { loadSupergraph, SupergraphError } from './supergraph';

describe('loadSupergraph', () => {
  it('lists the subgraphs of the committed supergraph with their URLs', () => {
    const { subgraphs } = loadSupergraph(DEFAULT_SUPERGRAPH_FILE, {});
    expect(subgraphs).toEqual([
      { name: 'billing', url: 'http://127.0.0.1:4003/graphql' },
      { name: 'matches', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'telemetry', url: 'http://127.0.0.1:4002/graphql' },
    ]);
  });

  it('replaces the URLs named in config', () => {
    const { subgraphs } = loadSupergraph(DEFAULT_SUPERGRAPH_FILE, {
      matches: 'http://10.1.2.3:9000/graphql',
    });
    expect(subgraphs.find((s) => s.name === 'matches')?.url).toBe('http://10.1.2.3:9000/graphql');
    expect(subgraphs.find((s) => s.name === 'billing')?.url).toBe('http://127.0.0.1:4003/graphql');
  });

  it('refuses an override for a subgraph the supergraph does not have', () => {
    expect(() => loadSupergraph(DEFAULT_SUPERGRAPH_FILE, { mathces: 'http://x/graphql' })).toThrow(
      /SUBGRAPH_URLS names mathces/,
    );
  });

  it('refuses a file that is not a supergraph, and one that is missing', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'supergraph-')), 'plain.graphql');
    fs.writeFileSync(file, 'type Query { hello: String }');
    expect(() => loadSupergraph(file, {})).toThrow(SupergraphError);
    expect(() => loadSupergraph(`${file}.missing`, {})).toThrow(/cannot read the supergraph/);
  });
});
