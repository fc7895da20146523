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
    ).toEqual({ depth: 4, aliases: 2, rootFields: 3, directives: 1 });
  });

  it('follows fragments, and does not loop on a fragment that spreads itself', () => {
    const shape = measure(
      '{ teams { ...T } } fragment T on Team { players { team { ...T } } } fragment U on Team { x: name }',
    );
    expect(shape.depth).toBe(3);
    expect(shape.aliases).toBe(0);
  });

  it('reports each limit exceeded with its maximum and the actual value', () => {
    const shape = { depth: 14, aliases: 2, rootFields: 11, directives: 0 };
    expect(
      checkOperationLimits(shape, { maxDepth: 12, maxAliases: 30, maxRootFields: 10, maxDirectives: 20 }),
    ).toEqual([
      { limit: 'depth', maximum: 12, actual: 14 },
      { limit: 'rootFields', maximum: 10, actual: 11 },
    ]);
  });
});
