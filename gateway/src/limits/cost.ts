/**
 * Static cost of an operation from the `@cost` and `@listSize` directives of the supergraph (the IBM cost
 * spec names that Apollo's demand control uses), and its actual cost from the response.
 *
 * The rules: a field returning an object, interface or union costs 1, a scalar or enum 0, unless `@cost`
 * on the field or its type says otherwise; a list multiplies the cost of one element by its size, taken from
 * the slicing argument the operation passed (e.g. `first`), else `@listSize(assumedSize)`, else a configured
 * default (a list with no `@listSize` at all is sized by a `first`, `last` or `limit` argument if it has one); a mutation adds 10. The actual cost applies the same rules to the list sizes the response had.
 *
 * Argument values are what the subgraph will see: the request's variables, else the operation's own
 * defaults, else the schema's. A slicing argument that is negative or beyond `maxListSize` is refused rather
 * than estimated, so no estimate is ever negative or absurd.
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface ListSize {
  readonly assumedSize?: number;
  readonly slicingArguments?: readonly string[];
  readonly sizedFields?: readonly string[];
}

export interface CostDirectives {
  /** `Type.field` → weight from `@cost`. */
  readonly fieldWeights: ReadonlyMap<string, number>;
  /** Type → weight from `@cost` on the type. */
  readonly typeWeights: ReadonlyMap<string, number>;
  /** `Type.field` → `@listSize`. */
  readonly listSizes: ReadonlyMap<string, ListSize>;
}

export const MUTATION_BASE_COST = 10;

export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const fieldWeights = new Map<string, number>();
  const typeWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeCost = definition.directives?.find((d) => d.name.value === 'cost');
    if (typeCost) typeWeights.set(typeName, Number(argumentsOf(typeCost).weight));
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      const key = `${typeName}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        const args = argumentsOf(directive);
        if (directive.name.value === 'cost') fieldWeights.set(key, Number(args.weight));
        if (directive.name.value === 'listSize') listSizes.set(key, args as ListSize);
      }
    }
  }
  return { fieldWeights, typeWeights, listSizes };
}

function argumentsOf(directive: DirectiveNode): Record<string, unknown> {
  return Object.fromEntries(
    (directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]),
  );
}

export interface CostInput {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly directives: CostDirectives;
  /** Size assumed for a list with neither a slicing argument nor `@listSize(assumedSize)`. */
  readonly defaultListSize: number;
  /** The largest value a slicing argument may take. */
  readonly maxListSize: number;
}

/** A slicing argument the estimate refuses: negative, not a whole number, or beyond the maximum. */
export interface SlicingViolation {
  /** `Type.field` as in the schema. */
  readonly field: string;
  readonly argument: string;
  readonly value: unknown;
  readonly maximum: number;
}

/**
 * Lists sized by a time window rather than a count: the cost spec's `@listSize` has no way to say so. A
 * match's frames between `from` and `to` seconds, thinned to one every `every` seconds, at most 25 a second
 * (the highest tracking rate served).
 */
export interface WindowSize {
  readonly from: string;
  readonly to: string;
  readonly step: string;
  readonly perSecond: number;
}

export const WINDOWED_LISTS: ReadonlyMap<string, WindowSize> = new Map([
  ['Match.frames', { from: 'from', to: 'to', step: 'every', perSecond: 25 }],
]);

export interface CostEstimate {
  readonly cost: number;
  readonly violations: readonly SlicingViolation[];
}

interface Walk {
  readonly input: CostInput;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** The request's variables with the operation's own defaults filled in. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly violations: SlicingViolation[];
}

/** Variables as the operation will run with them: a variable the request leaves out takes its default. */
function effectiveVariables(input: CostInput): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...input.variables };
  for (const definition of input.operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables[name] === undefined && definition.defaultValue) {
      variables[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return variables;
}

/** The value an argument of a field takes: given (literal or variable), else the schema's default. */
function argumentValue(
  walk: Walk,
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  name: string,
): unknown {
  const given = field.arguments?.find((arg) => arg.name.value === name);
  const value = given ? valueFromASTUntyped(given.value, walk.variables) : undefined;
  return value ?? definition.args.find((arg) => arg.name === name)?.defaultValue;
}

/** The fields a selection set asks of `type`, with fragments that apply to it flattened in. */
function fieldsOf(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLCompositeType): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(walk, selection.typeCondition?.name.value, type)) visit(selection.selectionSet, seen);
      } else {
        const fragment = walk.fragments.get(selection.name.value);
        if (
          fragment &&
          !seen.has(fragment.name.value) &&
          applies(walk, fragment.typeCondition.name.value, type)
        ) {
          visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      }
    }
  };
  visit(selectionSet, new Set());
  return fields;
}

/** Whether a fragment on `condition` applies to `type`; on abstract types every fragment counts, at most once. */
function applies(walk: Walk, condition: string | undefined, type: GraphQLCompositeType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = walk.input.schema.getType(condition);
  if (!conditionType || !isCompositeType(conditionType)) return false;
  if (isObjectType(type))
    return isObjectType(conditionType) ? false : walk.input.schema.isSubType(conditionType, type);
  return true;
}

function fieldDefinition(
  type: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** What one occurrence of the field costs on its own, before its selections. */
function ownCost(
  walk: Walk,
  parent: GraphQLCompositeType,
  definition: GraphQLField<unknown, unknown>,
): number {
  const named = getNamedType(definition.type);
  const weight =
    walk.input.directives.fieldWeights.get(`${parent.name}.${definition.name}`) ??
    walk.input.directives.typeWeights.get(named.name);
  return weight ?? (isCompositeType(named) ? 1 : 0);
}

/** The size a connection's `@listSize(sizedFields)` hands down to the lists inside it. */
interface SizedFields {
  readonly fields: ReadonlySet<string>;
  readonly size: number;
}

/** Pagination arguments that size a list whose schema declares no `@listSize`. */
export const CONVENTIONAL_SLICING_ARGUMENTS = ['first', 'last', 'limit'];

function slicedSize(
  walk: Walk,
  parent: GraphQLCompositeType,
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  listSize: ListSize | undefined,
): number | undefined {
  const coordinate = `${parent.name}.${definition.name}`;
  const window = WINDOWED_LISTS.get(coordinate);
  if (window) return windowSize(walk, field, definition, window);
  const slicing = listSize?.slicingArguments ?? (listSize ? [] : CONVENTIONAL_SLICING_ARGUMENTS);
  const { maxListSize } = walk.input;
  const sliced: number[] = [];
  for (const name of slicing) {
    const value = argumentValue(walk, field, definition, name);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxListSize) {
      walk.violations.push({ field: coordinate, argument: name, value, maximum: maxListSize });
      continue;
    }
    sliced.push(value);
  }
  return sliced.length > 0 ? Math.max(...sliced) : listSize?.assumedSize;
}

/** How many elements a window of `to - from` seconds holds at most, one every `step` seconds. */
function windowSize(
  walk: Walk,
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  window: WindowSize,
): number | undefined {
  const from = argumentValue(walk, field, definition, window.from);
  const to = argumentValue(walk, field, definition, window.to);
  const step = argumentValue(walk, field, definition, window.step);
  if (typeof from !== 'number' || typeof to !== 'number') return undefined;
  const interval = typeof step === 'number' && step > 1 / window.perSecond ? step : 1 / window.perSecond;
  const size = Math.floor(Math.max(0, to - from) / interval) + 1;
  return Number.isFinite(size) ? Math.min(size, walk.input.maxListSize) : walk.input.maxListSize;
}

function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  sized?: SizedFields,
): number {
  let total = 0;
  for (const field of fieldsOf(walk, selectionSet, type)) {
    const definition = fieldDefinition(type, field.name.value);
    if (!definition || field.name.value.startsWith('__')) continue;
    const named = getNamedType(definition.type);
    const listSize = walk.input.directives.listSizes.get(`${type.name}.${definition.name}`);
    const size = slicedSize(walk, type, field, definition, listSize);
    const handedDown =
      listSize?.sizedFields && size !== undefined
        ? { fields: new Set(listSize.sizedFields), size }
        : undefined;
    const below =
      field.selectionSet && isCompositeType(named)
        ? selectionCost(walk, field.selectionSet, named, handedDown)
        : 0;
    const one = ownCost(walk, type, definition) + below;
    if (!isListType(getNullableType(definition.type))) {
      total += one;
      continue;
    }
    const fromParent = sized?.fields.has(definition.name) ? sized.size : undefined;
    const own = listSize?.sizedFields ? undefined : size;
    total += (fromParent ?? own ?? walk.input.defaultListSize) * one;
  }
  return total;
}

function startWalk(input: CostInput): {
  walk: Walk;
  root: GraphQLCompositeType | undefined;
  base: number;
} {
  const fragments = new Map(
    input.document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const root = input.schema.getRootType(input.operation.operation) ?? undefined;
  return {
    walk: { input, fragments, variables: effectiveVariables(input), violations: [] },
    root,
    base: input.operation.operation === 'mutation' ? MUTATION_BASE_COST : 0,
  };
}

/** The static estimate, with every slicing argument it refused (the estimate is meaningless then). */
export function estimateOperationCost(input: CostInput): CostEstimate {
  const { walk, root, base } = startWalk(input);
  const cost = root ? base + selectionCost(walk, input.operation.selectionSet, root) : base;
  return { cost, violations: walk.violations };
}

export function estimateCost(input: CostInput): number {
  return estimateOperationCost(input).cost;
}

/** The cost the response really had: the same rules, with the list sizes it returned. */
export function actualCost(input: CostInput, data: unknown): number {
  const { walk, root, base } = startWalk(input);
  const cost = (value: unknown, selectionSet: SelectionSetNode, type: GraphQLCompositeType): number => {
    if (value === null || typeof value !== 'object') return 0;
    const record = value as Record<string, unknown>;
    const concrete =
      typeof record.__typename === 'string' ? input.schema.getType(record.__typename) : undefined;
    const actualType = concrete && isCompositeType(concrete) ? concrete : type;
    let total = 0;
    for (const field of fieldsOf(walk, selectionSet, actualType)) {
      const definition = fieldDefinition(actualType, field.name.value);
      const result = record[field.alias?.value ?? field.name.value];
      if (!definition || result === undefined || result === null) continue;
      const named = getNamedType(definition.type);
      const one = (item: unknown) =>
        ownCost(walk, actualType, definition) +
        (field.selectionSet && isCompositeType(named) ? cost(item, field.selectionSet, named) : 0);
      total += Array.isArray(result) ? result.reduce((sum: number, item) => sum + one(item), 0) : one(result);
    }
    return total;
  };
  return root ? base + cost(data, input.operation.selectionSet, root) : base;
}
