/**
 * Default deny, checked where the supergraph is made: every root field (of Query, Mutation and Subscription)
 * and every entity of a subgraph says who may use it, with `@requiresScopes`, `@authenticated` or `@public`.
 * An entity says it on its type or on each field it has but its key fields, as a stub of another subgraph's
 * entity does for the fields it adds. Anything that says nothing was forgotten rather than opened, and the
 * subgraphs' own check (`kit/src/access/guard.ts`) would let every caller through.
 */
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode, type FieldDefinitionNode } from 'graphql';

/** The directives that declare access; `@public` is Meridian's (kit links it into every subgraph). */
const DECLARATIONS = new Set(['requiresScopes', 'authenticated', 'public']);

/** A directive's name without the `federation__` prefix it has when a subgraph does not import it. */
function nameOf(directive: ConstDirectiveNode): string {
  return directive.name.value.replace(/^federation__/, '');
}

function declares(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  return directives?.some((directive) => DECLARATIONS.has(nameOf(directive))) ?? false;
}

interface ObjectLike {
  readonly directives: ConstDirectiveNode[];
  readonly fields: FieldDefinitionNode[];
}

/** Object and interface types by name, definitions and extensions together. */
function objectTypes(definitions: readonly DefinitionNode[]): Map<string, ObjectLike> {
  const types = new Map<string, ObjectLike>();
  for (const definition of definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const type = types.get(definition.name.value) ?? { directives: [], fields: [] };
    type.directives.push(...(definition.directives ?? []));
    type.fields.push(...(definition.fields ?? []));
    types.set(definition.name.value, type);
  }
  return types;
}

/** The root operation types' names: as a `schema` block names them, else the default ones. */
function rootTypeNames(definitions: readonly DefinitionNode[]): Set<string> {
  const named = definitions.flatMap((definition) =>
    definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION
      ? (definition.operationTypes ?? []).map((operation) => operation.type.name.value)
      : [],
  );
  return new Set(named.length > 0 ? named : ['Query', 'Mutation', 'Subscription']);
}

/** The top-level fields of every `@key` of a type; undefined when it has none (it is no entity). */
function keyFields(directives: readonly ConstDirectiveNode[]): Set<string> | undefined {
  const keys = directives.filter((directive) => nameOf(directive) === 'key');
  if (keys.length === 0) return undefined;
  const fields = new Set<string>();
  for (const key of keys) {
    const argument = key.arguments?.find((arg) => arg.name.value === 'fields');
    if (argument?.value.kind !== Kind.STRING) continue;
    const selection = parse(`{ ${argument.value.value} }`).definitions[0];
    if (selection?.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const field of selection.selectionSet.selections) {
      if (field.kind === Kind.FIELD) fields.add(field.name.value);
    }
  }
  return fields;
}

/** `Type.field` of each root field and entity field in a subgraph's SDL that declares no access. */
export function undeclaredAccess(subgraphSdl: string): string[] {
  const { definitions } = parse(subgraphSdl);
  const roots = rootTypeNames(definitions);
  const undeclared: string[] = [];
  for (const [name, type] of objectTypes(definitions)) {
    const keys = keyFields(type.directives);
    if (!roots.has(name) && (!keys || declares(type.directives))) continue;
    for (const field of type.fields) {
      // Key and external fields are the owning subgraph's, and declared there.
      const owners = keys?.has(field.name.value) || field.directives?.some((d) => nameOf(d) === 'external');
      if (!owners && !declares(field.directives)) undeclared.push(`${name}.${field.name.value}`);
    }
  }
  return undeclared;
}
