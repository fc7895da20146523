/**
 * An example operation for every page of the API reference, derived from the public schema: a root field is
 * called with each required argument as a variable; a type is reached by the shortest path of fields from a
 * root; an input type is passed to a field that takes it; a directive is used on a field. Each example opens
 * in the console's explorer through `explorerHref`.
 */
import { demoCustomers } from '@meridian/kit';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isScalarType,
  isUnionType,
  parse,
  print,
  type GraphQLArgument,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export interface ReferenceExample {
  /** The operation, laid out for reading. */
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** What a reference page documents; the folders graphql-markdown writes them to. */
export type ReferenceKind =
  | 'queries'
  | 'mutations'
  | 'subscriptions'
  | 'operation-directives'
  | 'objects'
  | 'interfaces'
  | 'unions'
  | 'inputs'
  | 'enums'
  | 'scalars'
  | 'type-directives';

/** Leaf fields an example selects of each object: enough to show its shape, short enough to read. */
const LEAVES_SHOWN = 4;
/** How deep an example goes looking for leaf fields under an object that has none of its own. */
const SELECTION_DEPTH = 2;
/** The customer examples name: the demo airline a development platform's demo key belongs to. */
const EXAMPLE_CUSTOMER = demoCustomers.find((customer) => customer.industry === 'AVIATION')!.id;

/** The console explorer's address opening with this operation and these variables. */
export function explorerHref(example: ReferenceExample): string {
  const query = encodeURIComponent(example.query);
  const variables = encodeURIComponent(JSON.stringify(example.variables));
  return `/console/explorer?query=${query}&variables=${variables}`;
}

/** A value an argument or input field of this type could take, shaped by its name where that helps. */
function sampleValue(type: GraphQLInputType, name: string, entity: string): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name, entity);
  if (isListType(type)) return [sampleValue(type.ofType, name, entity)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) return sampleInput(type, entity);
  switch (type.name) {
    case 'ID':
      return sampleId(name, entity);
    case 'Int':
      return 10;
    case 'Float':
      return name === 'to' ? 60 : 0;
    case 'Boolean':
      return true;
    case 'String':
      if (/email/i.test(name)) return 'developer@example.com';
      if (/password/i.test(name)) return 'your password';
      return `example ${name}`;
    default:
      if (/date|time/i.test(type.name))
        return name === 'from' ? '2026-01-01T00:00:00.000Z' : '2026-01-02T00:00:00.000Z';
      return `example ${name}`;
  }
}

/** An id of the kind the name says (`matchId`, or `id` of a field returning `Match`): `match_0001`. */
function sampleId(name: string, entity: string): string {
  const kind = (name === 'id' ? entity : name.replace(/Ids?$/, '')).toLowerCase();
  return kind === 'customer' ? EXAMPLE_CUSTOMER : `${kind}_0001`;
}

/** Its required fields (a one-of input: its first field), plus `include` when that is optional. */
function sampleInput(
  type: GraphQLInputObjectType,
  entity: string,
  include?: string,
): Record<string, unknown> {
  const fields = Object.values(type.getFields());
  const chosen = type.isOneOf
    ? fields.slice(0, 1)
    : fields.filter(
        (field) => field.name === include || (isNonNullType(field.type) && field.defaultValue === undefined),
      );
  return Object.fromEntries(chosen.map((field) => [field.name, sampleValue(field.type, field.name, entity)]));
}

/** Collects the variables of an operation, each named once. */
class Variables {
  readonly definitions: string[] = [];
  readonly values: Record<string, unknown> = {};

  add(name: string, type: GraphQLInputType, value: unknown): string {
    let unique = name;
    for (let n = 2; unique in this.values; n += 1) unique = `${name}${n}`;
    this.definitions.push(`$${unique}: ${type.toString()}`);
    this.values[unique] = value;
    return `$${unique}`;
  }

  /** `(id: $id)` for the field's required arguments, or nothing. */
  argumentsOf(field: GraphQLField<unknown, unknown>): string {
    const entity = getNamedType(field.type).name;
    const required = field.args.filter(isRequiredArgument);
    if (required.length === 0) return '';
    const list = required.map(
      (arg: GraphQLArgument) =>
        `${arg.name}: ${this.add(arg.name, arg.type, sampleValue(arg.type, arg.name, entity))}`,
    );
    return `(${list.join(', ')})`;
  }

  header(): string {
    return this.definitions.length > 0 ? `(${this.definitions.join(', ')})` : '';
  }
}

function callable(field: GraphQLField<unknown, unknown>): boolean {
  return !field.args.some(isRequiredArgument);
}

/** A selection set of the type's leaf fields (or, failing those, of a nested object's), or `''` for a leaf. */
function selectionOf(type: GraphQLOutputType | GraphQLNamedType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named)) {
    const members = named.getTypes().slice(0, 2);
    return `{ __typename ${members.map((member) => `... on ${member.name} ${selectionOf(member, depth)}`).join(' ')} }`;
  }
  const fields = Object.values((named as GraphQLObjectType).getFields()).filter(callable);
  const leaves = fields.filter((field) => isLeafType(getNamedType(field.type))).slice(0, LEAVES_SHOWN);
  if (leaves.length > 0) return `{ ${leaves.map((field) => field.name).join(' ')} }`;
  if (depth < SELECTION_DEPTH) {
    const nested = fields.find((field) => !isLeafType(getNamedType(field.type)));
    if (nested) return `{ ${nested.name} ${selectionOf(nested.type, depth + 1)} }`;
  }
  return '{ __typename }';
}

type RootKind = 'query' | 'mutation' | 'subscription';

function rootOf(schema: GraphQLSchema, kind: RootKind): GraphQLObjectType | undefined {
  if (kind === 'query') return schema.getQueryType() ?? undefined;
  return (kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()) ?? undefined;
}

function operation(kind: RootKind, variables: Variables, body: string): ReferenceExample {
  const query = print(parse(`${kind} ${variables.header()} { ${body} }`));
  return { query, variables: variables.values };
}

/** A call of one root field with its required arguments, selecting the leaves of what it returns. */
function rootFieldExample(schema: GraphQLSchema, kind: RootKind, name: string): ReferenceExample | undefined {
  const field = rootOf(schema, kind)?.getFields()[name];
  if (!field) return undefined;
  const variables = new Variables();
  return operation(kind, variables, `${name}${variables.argumentsOf(field)} ${selectionOf(field.type)}`);
}

/**
 * The shortest chain of fields from a root to a field whose type is `target` (queries first, then
 * subscriptions, then mutations), preferring fields without required arguments at equal length.
 */
function pathTo(
  schema: GraphQLSchema,
  target: string,
): { kind: RootKind; path: GraphQLField<unknown, unknown>[] } | undefined {
  for (const kind of ['query', 'subscription', 'mutation'] as const) {
    const root = rootOf(schema, kind);
    if (!root) continue;
    const seen = new Set<string>([root.name]);
    let frontier: GraphQLField<unknown, unknown>[][] = [[]];
    let parents: (GraphQLObjectType | GraphQLInterfaceType)[] = [root];
    while (frontier.length > 0) {
      const next: GraphQLField<unknown, unknown>[][] = [];
      frontier.forEach((path, i) => {
        const fields = Object.values(parents[i]!.getFields()).sort(
          (a, b) => Number(callable(b)) - Number(callable(a)),
        );
        for (const field of fields) next.push([...path, field]);
      });
      const hit = next.find((path) => getNamedType(path.at(-1)!.type).name === target);
      if (hit) return { kind, path: hit };
      frontier = [];
      parents = [];
      next.forEach((path) => {
        const named = getNamedType(path.at(-1)!.type);
        if ((isObjectType(named) || isInterfaceType(named)) && !seen.has(named.name)) {
          seen.add(named.name);
          frontier.push(path);
          parents.push(named);
        }
      });
    }
  }
  return undefined;
}

/** An operation that reaches a type and selects its fields (or, for a leaf type, the field returning it). */
function reachingExample(schema: GraphQLSchema, type: GraphQLNamedType): ReferenceExample | undefined {
  const found = pathTo(schema, type.name);
  if (!found) return undefined;
  const variables = new Variables();
  let body = selectionOf(type);
  for (const field of [...found.path].reverse()) {
    body = `${field.name}${variables.argumentsOf(field)} ${body}`;
    if (field !== found.path[0]) body = `{ ${body} }`;
  }
  // Variables were added innermost first; list them in reading order.
  variables.definitions.reverse();
  return operation(found.kind, variables, body);
}

/** Whether `type` holds the input type `target`, directly or in one of its input fields (one level down). */
function inputPathTo(type: GraphQLInputType, target: string): string | undefined | null {
  const named = getNamedType(type);
  if (named.name === target) return null;
  if (!isInputObjectType(named)) return undefined;
  const field = Object.values(named.getFields()).find((f) => getNamedType(f.type).name === target);
  return field?.name;
}

/** A field called with an argument of this input type (or enum, or scalar), passed as a variable. */
function inputExample(schema: GraphQLSchema, name: string): ReferenceExample | undefined {
  for (const kind of ['query', 'mutation', 'subscription'] as const) {
    for (const field of Object.values(rootOf(schema, kind)?.getFields() ?? {})) {
      for (const arg of field.args) {
        const via = inputPathTo(arg.type, name);
        if (via === undefined) continue;
        const entity = getNamedType(field.type).name;
        const variables = new Variables();
        const others = field.args.filter((other) => other !== arg && isRequiredArgument(other));
        const outer = getNamedType(arg.type);
        let value = sampleValue(arg.type, arg.name, entity);
        if (via !== null) {
          const input = sampleInput(outer as GraphQLInputObjectType, entity, via);
          value = isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type) ? [input] : input;
        }
        const list = [
          `${arg.name}: ${variables.add(arg.name, arg.type, value)}`,
          ...others.map(
            (o) => `${o.name}: ${variables.add(o.name, o.type, sampleValue(o.type, o.name, entity))}`,
          ),
        ];
        return operation(kind, variables, `${field.name}(${list.join(', ')}) ${selectionOf(field.type)}`);
      }
    }
  }
  return undefined;
}

/** `@include` / `@skip` on a field of the first query that needs no arguments. */
function operationDirectiveExample(schema: GraphQLSchema, name: string): ReferenceExample | undefined {
  const directive = schema.getDirective(name);
  const field = Object.values(schema.getQueryType()?.getFields() ?? {}).find(
    (candidate) => callable(candidate) && !isLeafType(getNamedType(candidate.type)),
  );
  if (!directive || !field) return undefined;
  const selection = selectionOf(field.type);
  const variables = new Variables();
  const args = directive.args.filter(isRequiredArgument);
  const list = args.map(
    (arg) => `${arg.name}: ${variables.add(arg.name === 'if' ? 'condition' : arg.name, arg.type, true)}`,
  );
  const applied = `@${name}${list.length > 0 ? `(${list.join(', ')})` : ''}`;
  // The directive goes on the last field selected: `{ id name @include(if: $condition) }`.
  const body = `${field.name} ${selection.replace(/ \}$/, ` ${applied} }`)}`;
  return operation('query', variables, body);
}

const TYPE_NAME = new GraphQLNonNull(GraphQLString);

/** Schema directives are read through introspection: where the schema uses them, and what they say. */
function typeDirectiveExample(schema: GraphQLSchema, name: string): ReferenceExample {
  const variables = new Variables();
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
  if (name === 'specifiedBy') {
    const scalar = types.find((type) => isScalarType(type) && type.specifiedByURL) ?? schema.getType('ID')!;
    const type = variables.add('name', TYPE_NAME, scalar.name);
    return operation('query', variables, `__type(name: ${type}) { name specifiedByURL }`);
  }
  if (name === 'oneOf') {
    const input =
      types.find((type) => isInputObjectType(type) && type.isOneOf) ?? types.find(isInputObjectType);
    const type = variables.add('name', TYPE_NAME, input?.name ?? 'FilterInput');
    return operation('query', variables, `__type(name: ${type}) { name inputFields { name } }`);
  }
  const type = variables.add('name', TYPE_NAME, schema.getQueryType()?.name ?? 'Query');
  return operation(
    'query',
    variables,
    `__type(name: ${type}) { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }`,
  );
}

/** The example of the reference page of `name`, a page of this kind; undefined when none can be made. */
export function referenceExample(
  schema: GraphQLSchema,
  kind: ReferenceKind,
  name: string,
): ReferenceExample | undefined {
  switch (kind) {
    case 'queries':
      return rootFieldExample(schema, 'query', name);
    case 'mutations':
      return rootFieldExample(schema, 'mutation', name);
    case 'subscriptions':
      return rootFieldExample(schema, 'subscription', name);
    case 'operation-directives':
      return operationDirectiveExample(schema, name);
    case 'type-directives':
      return typeDirectiveExample(schema, name);
    case 'inputs':
      return inputExample(schema, name);
    default: {
      const type = schema.getType(name);
      // A type no field returns (an enum only arguments take, say) is shown passed to a field.
      return type ? (reachingExample(schema, type) ?? inputExample(schema, name)) : undefined;
    }
  }
}
