/**
 * Turns a type-graphql schema into an Apollo Federation 2 subgraph schema: type-graphql builds the types and
 * resolvers from classes and decorators, `buildSubgraphSchema` adds `_entities`, `_service` and the
 * federation directives. Reference resolvers (`__resolveReference`) are passed beside the classes because
 * type-graphql has no decorator for them. Every subgraph links the same federation directives and Meridian's
 * `@public` (`access/directives.ts`), and defines Apollo Server's `@cacheControl` (`cache/directives.ts`):
 * hints of the subgraph's own HTTP answers, which the supergraph leaves out.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  concatAST,
  parse,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { accessLink } from './access/directives';
import { cacheControlDefinitions, NEVER_CACHED } from './cache/directives';
import { uncacheableUnhintedEntities } from './cache/entities';
import {
  applyValueCacheHints,
  hintedReference,
  type ReferenceResolver,
  type ValueCacheHints,
} from './cache/values';

/** The federation version and directives every Meridian subgraph links. */
const federationLink = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.9"
      import: [
        "@key"
        "@shareable"
        "@external"
        "@requires"
        "@provides"
        "@cost"
        "@listSize"
        "@authenticated"
        "@requiresScopes"
        "@composeDirective"
      ]
    )
`;

export type ReferenceResolvers<Context> = Record<string, ReferenceResolver<Context>>;

/**
 * The scope reading a subgraph's data takes. Every object type the subgraph defines gets it as
 * `@requiresScopes`, so no type can be forgotten; `except` names the entity stubs of other subgraphs (whose
 * fields here carry their own rule), and types that declare a rule of their own, or `@public`, keep it.
 */
export interface DefaultAccess {
  readonly scopes: readonly (readonly string[])[];
  readonly except?: readonly string[];
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** Type directives that keep the default off: a rule of the type's own, or its being open on purpose. */
const DECLARED = new Set(['requiresScopes', 'public']);

function withDefaultAccess(sdl: string, access: DefaultAccess | undefined): DocumentNode {
  const document = parse(sdl);
  if (!access) return document;
  const directive: ConstDirectiveNode = parseConstDirective(
    `@requiresScopes(scopes: ${JSON.stringify(access.scopes)})`,
  );
  return visit(document, {
    ObjectTypeDefinition(node) {
      const exempt = ROOT_TYPES.has(node.name.value) || access.except?.includes(node.name.value);
      const declared = node.directives?.some((d) => DECLARED.has(d.name.value));
      return exempt || declared
        ? undefined
        : { ...node, directives: [...(node.directives ?? []), directive] };
    },
  });
}

/** Root types whose fields are never cached: a write's answer, or an event, is never served again. */
const UNCACHED_ROOT_TYPES = new Set(['Mutation', 'Subscription']);

/**
 * Every mutation and subscription field gets `@cacheControl(maxAge: 0)`, whatever type it returns; one that
 * declares a hint of its own is a mistake, refused here.
 */
function withUncachedRoots(document: DocumentNode): DocumentNode {
  const directive = parseConstDirective(NEVER_CACHED);
  return visit(document, {
    ObjectTypeDefinition(node) {
      if (!UNCACHED_ROOT_TYPES.has(node.name.value)) return undefined;
      const fields = node.fields?.map((field) => {
        if (field.directives?.some((d) => d.name.value === 'cacheControl')) {
          throw new Error(
            `${node.name.value}.${field.name.value} has a cache hint, but mutations and subscriptions are never cached`,
          );
        }
        return { ...field, directives: [...(field.directives ?? []), directive] };
      });
      return { ...node, fields };
    },
  });
}

function parseConstDirective(source: string): ConstDirectiveNode {
  const parsed = parse(`type T ${source} { x: Int }`).definitions[0] as ObjectTypeDefinitionNode;
  return parsed.directives![0]!;
}

/**
 * `cacheHints` are hints that depend on a value, by type name (`cache/values.ts`); static ones are written on
 * the classes with `@CacheHint`.
 */
export async function buildFederatedSchema<Context>(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers<Context> = {},
  access?: DefaultAccess,
  cacheHints: ValueCacheHints = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = {
      ...resolvers[typeName],
      ...hintedReference(reference, cacheHints[typeName]),
    } as GraphQLResolverMap<unknown>[string];
  }
  const subgraph = buildSubgraphSchema({
    typeDefs: concatAST([
      gql(federationLink),
      gql(accessLink),
      gql(cacheControlDefinitions),
      withUncachedRoots(withDefaultAccess(printSchemaWithDirectives(schema), access)),
    ]),
    resolvers,
  });
  applyValueCacheHints(subgraph, cacheHints);
  uncacheableUnhintedEntities(subgraph);
  return subgraph;
}
