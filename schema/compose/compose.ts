/**
 * Composes the supergraph from the subgraphs' own schemas, built in this process from their type-graphql
 * classes: no service has to run, and the result depends only on the code. A subgraph with a root field or an
 * entity that declares no access is refused before composition (`access.ts`). The subgraphs' cache hints are
 * left out: they are each subgraph's own HTTP business.
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, visit, type DocumentNode } from 'graphql';
import { undeclaredAccess } from './access';
import { subgraphs as defaultSubgraphs, type SubgraphSource } from './subgraphs';

/** Where the composed supergraph is committed. */
export const SUPERGRAPH_FILE = path.join(
  path.dirname(require.resolve('@meridian/schema/package.json')),
  'supergraph.graphql',
);

/** The committed supergraph's text; empty when there is none yet. */
export function readCommittedSupergraph(): string {
  return fs.existsSync(SUPERGRAPH_FILE) ? fs.readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
}

/** What to tell someone whose committed supergraph is not `composed`. */
export const STALE_SUPERGRAPH = `${SUPERGRAPH_FILE} is stale: run npm run compose`;

/**
 * A subgraph's SDL without Apollo Server's `@cacheControl`: the hints say how long each subgraph's answers may
 * be kept (`kit/src/cache/`), which the supergraph has no use for, and their `CacheControlScope` enum would
 * become a type of the public API.
 */
function withoutCacheHints(sdl: string): DocumentNode {
  const dropHint = (node: { readonly name: { readonly value: string } }) =>
    node.name.value === 'cacheControl' ? null : undefined;
  return visit(parse(sdl), {
    Directive: dropHint,
    DirectiveDefinition: dropHint,
    EnumTypeDefinition: (node) => (node.name.value === 'CacheControlScope' ? null : undefined),
  });
}

/** @internal */
export class CompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

export async function composeSupergraph(
  sources: readonly SubgraphSource[] = defaultSubgraphs,
): Promise<string> {
  const built = await Promise.all(
    sources.map(async ({ name, url, build }) => ({ name, url, sdl: printSubgraphSchema(await build()) })),
  );
  const undeclared = built.flatMap(({ name, sdl }) =>
    undeclaredAccess(sdl).map(
      (field) => `${name}: ${field} declares no access (add @requiresScopes, @authenticated or @public)`,
    ),
  );
  if (undeclared.length > 0) throw new CompositionError(undeclared);
  const services = built.map(({ name, url, sdl }) => ({ name, url, typeDefs: withoutCacheHints(sdl) }));
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return `${result.supergraphSdl.trimEnd()}\n`;
}
