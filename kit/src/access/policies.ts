/**
 * Access rules of a schema: `@authenticated` and `@requiresScopes` on fields and types, read from its SDL (a
 * supergraph for the gateway, a subgraph's own schema for the subgraph). A rule on a type applies to every
 * field that returns it and every field of it.
 */
import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode } from 'graphql';

export interface AccessRule {
  readonly authenticated: boolean;
  /** Alternatives: the caller needs every scope of at least one inner list. */
  readonly scopes: readonly (readonly string[])[];
}

export interface AccessPolicies {
  readonly fields: ReadonlyMap<string, AccessRule>;
  readonly types: ReadonlyMap<string, AccessRule>;
}

function ruleOf(directives: readonly ConstDirectiveNode[] | undefined): AccessRule | undefined {
  const authenticated = directives?.some((d) => d.name.value === 'authenticated') ?? false;
  const scopesDirective = directives?.find((d) => d.name.value === 'requiresScopes');
  const argument = scopesDirective?.arguments?.find((a) => a.name.value === 'scopes');
  const scopes = argument ? (valueFromASTUntyped(argument.value) as string[][]) : [];
  return authenticated || scopes.length > 0 ? { authenticated, scopes } : undefined;
}

export function readAccessPolicies(sdl: string): AccessPolicies {
  const fields = new Map<string, AccessRule>();
  const types = new Map<string, AccessRule>();
  for (const definition of parse(sdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.SCALAR_TYPE_DEFINITION &&
      definition.kind !== Kind.ENUM_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeRule = ruleOf(definition.directives);
    if (typeRule) types.set(definition.name.value, typeRule);
    if (definition.kind === Kind.SCALAR_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_DEFINITION)
      continue;
    for (const field of definition.fields ?? []) {
      const fieldRule = ruleOf(field.directives);
      if (fieldRule) fields.set(`${definition.name.value}.${field.name.value}`, fieldRule);
    }
  }
  return { fields, types };
}
