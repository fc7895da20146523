import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { supergraphForPlanner } from '../auth';
import { DEFAULT_SUPERGRAPH_FILE } from '../config';
import { actualCost, estimateOperationCost, readCostDirectives, type CostInput } from './cost';

const sdl = fs.readFileSync(DEFAULT_SUPERGRAPH_FILE, 'utf8');
const schema = Supergraph.build(supergraphForPlanner(sdl)).apiSchema().toGraphQLJSSchema();
const directives = readCostDirectives(sdl);
const DEFAULT_LIST_SIZE = 10;
const MAX_LIST_SIZE = 100_000;

function input(query: string, variables: Record<string, unknown> = {}): CostInput {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return {
    schema,
    document,
    operation,
    variables,
    directives,
    defaultListSize: DEFAULT_LIST_SIZE,
    maxListSize: MAX_LIST_SIZE,
  };
}

/** The estimate alone, where no slicing argument is refused. */
const estimateCost = (costInput: CostInput) => estimateOperationCost(costInput).cost;

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

describe('cost you can trust', () => {
  it('refuses negative, fractional and oversized slicing arguments, however they are given', () => {
    const refused = (query: string, variables: Record<string, unknown> = {}) =>
      estimateOperationCost(input(query, variables)).violations.map((v) => [v.field, v.argument, v.value]);
    expect(refused('{ match(id: "m") { events(first: -1000000) { id } } }')).toEqual([
      ['Match.events', 'first', -1000000],
    ]);
    expect(refused('query ($n: Int!) { matches(first: $n) { id } }', { n: MAX_LIST_SIZE + 1 })).toEqual([
      ['Query.matches', 'first', MAX_LIST_SIZE + 1],
    ]);
    expect(refused('query ($n: Int = -5) { matches(first: $n) { id } }')).toEqual([
      ['Query.matches', 'first', -5],
    ]);
    expect(refused('{ matches(first: 5) { id } }')).toEqual([]);
  });

  it("sizes a list by the operation's own variable default", () => {
    expect(estimateCost(input('query ($n: Int = 50) { matches(first: $n) { id } }'))).toBe(50);
    expect(estimateCost(input('query ($n: Int = 50) { matches(first: $n) { id } }', { n: 2 }))).toBe(2);
  });

  it('sizes frames by their window at 25 a second, thinned by every', () => {
    // 600 s at 25 frames a second, each frame an object (1) with its 22 players (22 × 1).
    const window = estimateCost(
      input('{ match(id: "m") { frames(from: 0, to: 600) { frame players { x } } } }'),
    );
    expect(window).toBe(1 + (600 * 25 + 1) * (1 + 22));
    const thinned = estimateCost(
      input('{ match(id: "m") { frames(from: 0, to: 600, every: 1) { frame } } }'),
    );
    expect(thinned).toBe(1 + 601);
  });
});
