/**
 * Loading the supergraph the gateway serves: the SDL from a file, and each subgraph's URL, from the file
 * unless the configuration overrides it. An override naming a subgraph the file does not have is an error,
 * since it is almost always a typo that would otherwise send traffic to the wrong place.
 */
import fs from 'node:fs';
import { Kind, parse, type EnumTypeDefinitionNode, type StringValueNode } from 'graphql';

export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

export interface LoadedSupergraph {
  readonly sdl: string;
  readonly subgraphs: readonly SubgraphEndpoint[];
}

/** @internal */
export class SupergraphError extends Error {
  override name = 'SupergraphError';
}

export function loadSupergraph(file: string, overrides: Readonly<Record<string, string>>): LoadedSupergraph {
  let sdl: string;
  try {
    sdl = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SupergraphError(`cannot read the supergraph ${file}: ${(error as Error).message}`);
  }
  const subgraphs = listSubgraphs(sdl, file).map(({ name, url }) => ({ name, url: overrides[name] ?? url }));
  const unknown = Object.keys(overrides).filter((name) => !subgraphs.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new SupergraphError(
      `SUBGRAPH_URLS names ${unknown.join(', ')}, which ${file} does not have (it has ${subgraphs
        .map((s) => s.name)
        .join(', ')})`,
    );
  }
  return { sdl, subgraphs };
}

/** The subgraphs of a supergraph: the values of its `join__Graph` enum. */
function listSubgraphs(sdl: string, file: string): SubgraphEndpoint[] {
  const graphEnum = parse(sdl).definitions.find(
    (definition): definition is EnumTypeDefinitionNode =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (!graphEnum) throw new SupergraphError(`${file} is not a supergraph: it has no join__Graph enum`);
  return (graphEnum.values ?? []).map((value) => {
    const join = value.directives?.find((directive) => directive.name.value === 'join__graph');
    const argument = (name: string) =>
      (join?.arguments?.find((arg) => arg.name.value === name)?.value as StringValueNode | undefined)?.value;
    const name = argument('name');
    const url = argument('url');
    if (!name || url === undefined) {
      throw new SupergraphError(`${file}: subgraph ${value.name.value} has no @join__graph name and url`);
    }
    return { name, url };
  });
}
