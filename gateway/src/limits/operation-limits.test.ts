import { getIntrospectionQuery, parse, type OperationDefinitionNode } from 'graphql';
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
    ).toEqual({
      depth: 4,
      aliases: 2,
      rootFields: 3,
      directives: 1,
      selections: 8,
      introspects: false,
      introspectionRootFields: 0,
    });
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
      introspectionRootFields: 0,
    };
    expect(
      checkOperationLimits(shape, {
        maxDepth: 12,
        maxAliases: 30,
        maxRootFields: 10,
        maxDirectives: 20,
        maxSelections: 5_000,
        maxIntrospectionDepth: 15,
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
      maxIntrospectionDepth: 15,
    };
    expect(checkOperationLimits(shape, limits).map((v) => v.limit)).toEqual(['selections', 'aliases']);
  });

  it('finds introspection hidden in fragments and under aliases', () => {
    expect(measure('{ ...Q } fragment Q on Query { s: __schema { types { name } } }').introspects).toBe(true);
    expect(measure('{ ... on Query { __type(name: "User") { name } } }').introspects).toBe(true);
    expect(measure('{ me { __typename } }').introspects).toBe(false);
  });
});

describe('the introspection allowance', () => {
  const limits = {
    maxDepth: 12,
    maxAliases: 30,
    maxRootFields: 10,
    maxDirectives: 20,
    maxSelections: 5_000,
    maxIntrospectionDepth: 15,
  };
  const violations = (query: string) => checkOperationLimits(measure(query), limits).map((v) => v.limit);
  /** `levels` of `ofType` under a type reference: 2 + levels deep below `__type`. */
  const typeRef = (levels: number) => {
    let selection = 'name';
    for (let level = 0; level < levels; level += 1) selection = `kind ofType { ${selection} }`;
    return selection;
  };

  it('lets the standard introspection query through, 15 deep', () => {
    const shape = measure(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(shape.depth).toBe(15);
    expect(checkOperationLimits(shape, limits)).toEqual([]);
  });

  it('keeps it within its own depth limit', () => {
    expect(violations(`{ __type(name: "Team") { ${typeRef(13)} } }`)).toEqual([]);
    expect(violations(`{ __type(name: "Team") { ${typeRef(14)} } }`)).toEqual(['depth']);
  });

  it('does not lend its depth to data: mixed with a data field, aliased twice, or through fragments', () => {
    const deep = `__type(name: "Team") { ${typeRef(13)} }`;
    expect(violations(`{ ${deep} teams { name } }`)).toEqual(['depth']);
    expect(violations(`{ a: ${deep} b: ${deep} }`)).toEqual(['depth']);
    expect(violations(`{ ...Q } fragment Q on Query { ${deep} teams { name } }`)).toEqual(['depth']);
    expect(violations(`{ ... on Query { ${deep} } ... on Query { me { id } } }`)).toEqual(['depth']);
  });
});
