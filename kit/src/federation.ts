/**
 * Turns a type-graphql schema into an Apollo Federation 2 subgraph schema: type-graphql builds the types and
 * resolvers from classes and decorators, `buildSubgraphSchema` adds `_entities`, `_service` and the
 * federation directives. Reference resolvers (`__resolveReference`) are passed beside the classes because
 * type-graphql has no decorator for them.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

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
      ]
    )
`;

export type ReferenceResolvers<Context> = Record<
  string,
  { __resolveReference(reference: Record<string, unknown>, context: Context): unknown }
>;

export async function buildFederatedSchema<Context>(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers<Context> = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: gql(federationLink + printSchemaWithDirectives(schema)),
    resolvers,
  });
}
