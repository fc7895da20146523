import fs from 'node:fs';
import { printApiSchema } from '@meridian/schema/tooling';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { explorerHref, referenceExample, type ReferenceKind } from './reference-examples';

const SUPERGRAPH = require.resolve('@meridian/schema/supergraph.graphql');

/** Every page the reference has: each root field, each named type, each directive. */
function pagesOf(schema: GraphQLSchema): [ReferenceKind, string][] {
  const root = (kind: ReferenceKind, type: ReturnType<GraphQLSchema['getQueryType']>) =>
    Object.keys(type?.getFields() ?? {}).map((name): [ReferenceKind, string] => [kind, name]);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const types = Object.values(schema.getTypeMap()).filter(
    (type) => !type.name.startsWith('__') && !roots.has(type as never),
  );
  const kindOf = (type: (typeof types)[number]): ReferenceKind =>
    isObjectType(type)
      ? 'objects'
      : isInterfaceType(type)
        ? 'interfaces'
        : isUnionType(type)
          ? 'unions'
          : isInputObjectType(type)
            ? 'inputs'
            : isEnumType(type)
              ? 'enums'
              : isScalarType(type)
                ? 'scalars'
                : (undefined as never);
  return [
    ...root('queries', schema.getQueryType()),
    ...root('mutations', schema.getMutationType()),
    ...root('subscriptions', schema.getSubscriptionType()),
    ...types.map((type): [ReferenceKind, string] => [kindOf(type), type.name]),
    ['operation-directives', 'include'],
    ['operation-directives', 'skip'],
    ['type-directives', 'deprecated'],
    ['type-directives', 'specifiedBy'],
    ['type-directives', 'oneOf'],
  ];
}

describe('the examples of the API reference', () => {
  const schema = buildSchema(printApiSchema(fs.readFileSync(SUPERGRAPH, 'utf8')));

  it.each(pagesOf(schema))('has a valid operation for the %s page of %s', (kind, name) => {
    const example = referenceExample(schema, kind, name);
    expect(example).toBeDefined();
    expect(validate(schema, parse(example!.query))).toEqual([]);
    if (kind === 'queries' || kind === 'mutations' || kind === 'subscriptions') {
      expect(example!.query).toMatch(new RegExp(`\\b${name}\\b`));
    } else if (kind !== 'operation-directives' && kind !== 'type-directives' && kind !== 'inputs') {
      // The type is reached: some field of the operation returns it.
      expect(example!.query.length).toBeGreaterThan(0);
    }
  });

  it('opens in the explorer with the operation and its variables in the address', () => {
    const example = referenceExample(schema, 'queries', 'match')!;
    const href = explorerHref(example);
    expect(href).toMatch(/^\/console\/explorer\?query=[^&]+&variables=[^&]+$/);
    const params = new URL(href, 'http://portal.example').searchParams;
    expect(params.get('query')).toBe(example.query);
    expect(JSON.parse(params.get('variables')!)).toEqual({ id: 'match_0001' });
  });
});
