import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { supergraphForPlanner } from '../auth';
import { DEFAULT_SUPERGRAPH_FILE } from '../config';
import { actualCost, estimateCost, readCostDirectives, type CostInput } from './cost';

const sdl = fs.readFileSync(DEFAULT_SUPERGRAPH_FILE, 'utf8');
const schema = Supergraph.build(supergraphForPlanner(sdl)).apiSchema().toGraphQLJSSchema();
const directives = readCostDirectives(sdl);
const DEFAULT_LIST_SIZE = 10;

function input(query: string, variables: Record<string, unknown> = {}): CostInput {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return { schema, document, operation, variables, directives, defaultListSize: DEFAULT_LIST_SIZE };
}

describe('static cost', () => {
  it('reads @listSize from the supergraph', () => {
    expect(directives.listSizes.get('Query.matches')).toMatchObject({ slicingArguments: ['first'] });
    expect(directives.listSizes.get('Team.players')).toMatchObject({ assumedSize: 30 });
  });

  it('sizes a list by the slicing argument the operation passes, as literal or variable', () => {
    // 5 matches × (1 for the match + 1 for its home team); scalars are free.
    expect(estimateCost(input('{ matches(first: 5) { id homeTeam { name } } }'))).toBe(10);
    expect(estimateCost(input('query ($n: Int!) { matches(first: $n) { id } }', { n: 3 }))).toBe(3);
  });

  it("falls back to the argument's default, then @listSize(assumedSize), then the configured default", () => {
    expect(estimateCost(input('{ matches { id } }'))).toBe(20);
    // teams: default 10 × (1 + players: 30 × 1)
    expect(estimateCost(input('{ teams { players { name } } }'))).toBe(DEFAULT_LIST_SIZE * (1 + 30));
  });

  it("hands a connection's slicing argument down to its sized fields", () => {
    // the connection 1 + 5 edges × (edge 1 + node 1)
    expect(
      estimateCost(input('{ matchConnection(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }')),
    ).toBe(1 + 5 * 2 + 1);
  });

  it('sizes an undeclared list by its first argument', () => {
    expect(estimateCost(input('{ fleet { engines { alerts(first: 3) { kind } } } }'))).toBe(
      10 * (1 + 4 * (1 + 3)),
    );
  });

  it('counts fragments where they are spread', () => {
    const inline = estimateCost(input('{ teams { name players { name team { name } } } }'));
    const spread = estimateCost(
      input(
        '{ teams { ...T } } fragment T on Team { name players { ...P } } fragment P on Player { name team { name } }',
      ),
    );
    expect(spread).toBe(inline);
  });

  it('measures the actual cost from the list sizes of the response', () => {
    const query = input('{ teams { players { name } } }');
    const data = {
      teams: [{ players: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }, { players: [{ name: 'd' }] }],
    };
    expect(actualCost(query, data)).toBe(2 + 4);
    expect(actualCost(query, { teams: [] })).toBe(0);
  });
});
