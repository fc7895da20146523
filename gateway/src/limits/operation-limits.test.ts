import { parse, type OperationDefinitionNode } from 'graphql';
import { checkOperationLimits, measureOperation } from './operation-limits';

function measure(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return measureOperation(document, operation);
}

describe('operation shape', () => {
  it('measures depth, aliases, root fields and directives', () => {
    expect(
      measure('{ a: teams { players { team @include(if: true) { name } } } b: teams { name } fleet { id } }'),
    ).toEqual({ depth: 4, aliases: 2, rootFields: 3, directives: 1, selections: 8, introspects: false });
  });

  it('follows fragments, and does not loop on a fragment that spreads itself', () => {
    const shape = measure(
      '{ teams { ...T } } fragment T on Team { players { team { ...T } } } fragment U on Team { x: name }',
    );
    expect(shape.depth).toBe(3);
    expect(shape.aliases).toBe(0);
  });

  it('reports each limit exceeded with its maximum and the actual value', () => {
    const shape = {
      depth: 14,
      aliases: 2,
      rootFields: 11,
      directives: 0,
      selections: 30,
      introspects: false,
    };
    expect(
      checkOperationLimits(shape, {
        maxDepth: 12,
        maxAliases: 30,
        maxRootFields: 10,
        maxDirectives: 20,
        maxSelections: 5_000,
      }),
    ).toEqual([
      { limit: 'depth', maximum: 12, actual: 14 },
      { limit: 'rootFields', maximum: 10, actual: 11 },
    ]);
  });
});

/** `levels` fragments each spreading the next twice: 2^levels copies of the last one's fields once expanded. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on User { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query { me { ...F0 } } ${fragments.join(' ')} fragment F${levels} on User { id x: email }`;
}

describe('measuring a fragment bomb', () => {
  it('counts the expansion without performing it, in time linear in the document', () => {
    const started = performance.now();
    const shape = measure(fragmentBomb(60));
    expect(performance.now() - started).toBeLessThan(50);
    // me, then 2^60 copies of id and email under it.
    expect(shape.selections).toBe(1 + 2 ** 61);
    expect(shape.aliases).toBe(2 ** 60);
    expect(shape.depth).toBe(2);
    const limits = {
      maxDepth: 12,
      maxAliases: 30,
      maxRootFields: 10,
      maxDirectives: 20,
      maxSelections: 5_000,
    };
    expect(checkOperationLimits(shape, limits).map((v) => v.limit)).toEqual(['selections', 'aliases']);
  });

  it('finds introspection hidden in fragments and under aliases', () => {
    expect(measure('{ ...Q } fragment Q on Query { s: __schema { types { name } } }').introspects).toBe(true);
    expect(measure('{ ... on Query { __type(name: "User") { name } } }').introspects).toBe(true);
    expect(measure('{ me { __typename } }').introspects).toBe(false);
  });
});
