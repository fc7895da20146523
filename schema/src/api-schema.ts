/**
 * The public API schema of a supergraph: what clients can query, without the `join__`/`link__` machinery of
 * federation. The portal's reference, the schema changelog and the release snapshots in `schema/history/`
 * are all built from it, so they describe the same thing.
 */
import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/**
 * The API schema as graphql-js sees it. Meridian enforces the `for: SECURITY` features (`@requiresScopes`,
 * `@authenticated`) in its own gateway, so the feature check that would refuse them is turned off here.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();
}

/** The API schema as SDL, types sorted by name so that two versions compare line by line. */
export function printApiSchema(supergraphSdl: string): string {
  return `${printSchema(lexicographicSortSchema(apiSchemaOf(supergraphSdl))).trimEnd()}\n`;
}
