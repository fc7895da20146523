import remarkOperations from './remark-operations';

interface Code {
  type: 'code';
  lang: string;
  meta: string | null;
  value: string;
}

function run(...blocks: Code[]) {
  const tree = { type: 'root', children: blocks };
  remarkOperations()(tree, { path: 'guide.mdx' });
  return blocks;
}

const block = (lang: string, meta: string | null): Code => ({ type: 'code', lang, meta, value: '' });

describe('remarkOperations', () => {
  it('fills graphql, json and snippet blocks from the operation files', () => {
    const [graphql, json, curl] = run(
      block('graphql', 'operation=matches/match-summary'),
      block('json', 'operation=matches/match-summary'),
      block('bash', 'operation=matches/match-summary'),
    );
    expect(graphql!.value).toMatch(/^query MatchSummary\(\$matchId: ID!\)/);
    expect(graphql!.meta).toBe('title="matches/match-summary.graphql"');
    expect(JSON.parse(json!.value)).toEqual({ matchId: 'match_0001' });
    expect(curl!.value).toMatch(/^curl -s "\$MERIDIAN_URL"/);
    expect(curl!.value).toContain('"variables":{"matchId":"match_0001"}');
  });

  it('leaves other code blocks alone', () => {
    const [plain] = run({ type: 'code', lang: 'graphql', meta: null, value: '{ teams { name } }' });
    expect(plain!.value).toBe('{ teams { name } }');
  });

  it('fails the build on an operation that does not exist', () => {
    expect(() => run(block('graphql', 'operation=matches/no-such-thing'))).toThrow(
      /no operation matches\/no-such-thing/,
    );
  });

  it('fails the build on variables an operation does not have', () => {
    expect(() => run(block('json', 'operation=getting-started/first-query'))).toThrow(/has no variables/);
  });
});
