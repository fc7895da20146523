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
  type ValueNode,
} from 'graphql';
import { WINDOWED_LISTS, type WindowSize } from '@meridian/schema';

interface ListSize {
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

const MUTATION_BASE_COST = 10;

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
interface SlicingViolation {
  /** `Type.field` as in the schema. */
  readonly field: string;
  readonly argument: string;
  readonly value: unknown;
  readonly maximum: number;
}

export interface CostEstimate {
  readonly cost: number;
  readonly violations: readonly SlicingViolation[];
}

interface Walk {
  readonly input: CostInput;
  readonly plans: Plans;
  /** The document's fragments by name, gathered the first time a selection set of it is planned. */
  fragments: ReadonlyMap<string, FragmentDefinitionNode> | undefined;
  /** The request's variables with the operation's own defaults filled in. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly violations: SlicingViolation[];
}

/** An argument the rules read, as the field gives it (literal or variable) and as the schema defaults it. */
interface PlannedArgument {
  readonly name: string;
  readonly given: ValueNode | undefined;
  readonly defaultValue: unknown;
}

/**
 * One field a selection set asks of a type, with everything the rules need that does not depend on the
 * request: planned once per selection set and type, then reused by every estimate and every actual cost of
 * the operation (Apollo Server keeps parsed documents, so a repeated operation has the same nodes).
 */
interface PlannedField {
  readonly node: FieldNode;
  /** Where the response holds the field's value: its alias, else its name. */
  readonly responseKey: string;
  /** The field's name in the schema. */
  readonly name: string;
  /** `Type.field` as in the schema. */
  readonly coordinate: string;
  /** What one occurrence of the field costs on its own, before its selections. */
  readonly own: number;
  readonly list: boolean;
  /** The type its selections are asked of, when it has selections on an object, interface or union. */
  readonly below: GraphQLCompositeType | undefined;
  /** Its selections' plans, when `below` is set: walks go down without looking the selection set up. */
  readonly children: PlannedSet | undefined;
  readonly listSize: ListSize | undefined;
  /** `@listSize(sizedFields)`, handed down with the size to the lists inside. */
  readonly sizedFields: ReadonlySet<string> | undefined;
  readonly window: PlannedWindow | undefined;
  /** The slicing arguments the field is given or has a default for, in the order the rules read them. */
  readonly slicing: readonly PlannedArgument[];
}

interface PlannedWindow {
  readonly size: WindowSize;
  readonly from: PlannedArgument;
  readonly to: PlannedArgument;
  readonly step: PlannedArgument;
}

/** A selection set's planned fields, by the type the set is asked of. */
interface PlannedSet {
  readonly selectionSet: SelectionSetNode;
  readonly byType: Map<GraphQLCompositeType, readonly PlannedField[]>;
}

/** Planned selection sets by their node. */
type Plans = WeakMap<SelectionSetNode, PlannedSet>;

/** The plans made under each set of cost directives (one per gateway), kept as long as their documents. */
const plansByDirectives = new WeakMap<CostDirectives, Plans>();

function plansFor(directives: CostDirectives): Plans {
  let plans = plansByDirectives.get(directives);
  if (!plans) {
    plans = new WeakMap();
    plansByDirectives.set(directives, plans);
  }
  return plans;
}

/** Variables as the operation will run with them: a variable the request leaves out takes its default. */
function effectiveVariables(input: CostInput): Readonly<Record<string, unknown>> {
  const defaults = (input.operation.variableDefinitions ?? []).filter(
    (definition) => definition.defaultValue && input.variables[definition.variable.name.value] === undefined,
  );
  if (defaults.length === 0) return input.variables;
  const variables: Record<string, unknown> = { ...input.variables };
  for (const definition of defaults) {
    variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue!);
  }
  return variables;
}

function plannedArgument(field: FieldNode, definition: GraphQLField<unknown, unknown>, name: string) {
  return {
    name,
    given: field.arguments?.find((arg) => arg.name.value === name)?.value,
    defaultValue: definition.args.find((arg) => arg.name === name)?.defaultValue,
  };
}

/** The value an argument takes: given (literal or variable), else the schema's default. */
function argumentValue(walk: Walk, argument: PlannedArgument): unknown {
  const value = argument.given ? valueFromASTUntyped(argument.given, walk.variables) : undefined;
  return value ?? argument.defaultValue;
}

function fragmentsOf(walk: Walk): ReadonlyMap<string, FragmentDefinitionNode> {
  walk.fragments ??= new Map(
    walk.input.document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return walk.fragments;
}

/** The fields a selection set asks of `type`, with fragments that apply to it flattened in. */
function fieldsOf(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLCompositeType): FieldNode[] {
  const fragments = fragmentsOf(walk);
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(walk, selection.typeCondition?.name.value, type)) visit(selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
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

/** Pagination arguments that size a list whose schema declares no `@listSize`. */
const CONVENTIONAL_SLICING_ARGUMENTS = ['first', 'last', 'limit'];

/** The fields of `selectionSet` on `type` the rules count (those of the schema, not `__typename` and such). */
function plan(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLCompositeType): PlannedField[] {
  const { directives } = walk.input;
  const planned: PlannedField[] = [];
  for (const field of fieldsOf(walk, selectionSet, type)) {
    const definition = fieldDefinition(type, field.name.value);
    if (!definition || field.name.value.startsWith('__')) continue;
    const named = getNamedType(definition.type);
    const coordinate = `${type.name}.${definition.name}`;
    const weight = directives.fieldWeights.get(coordinate) ?? directives.typeWeights.get(named.name);
    const listSize = directives.listSizes.get(coordinate);
    const window = WINDOWED_LISTS.get(coordinate);
    const slicing = listSize?.slicingArguments ?? (listSize ? [] : CONVENTIONAL_SLICING_ARGUMENTS);
    planned.push({
      node: field,
      responseKey: field.alias?.value ?? field.name.value,
      name: definition.name,
      coordinate,
      own: weight ?? (isCompositeType(named) ? 1 : 0),
      list: isListType(getNullableType(definition.type)),
      below: field.selectionSet && isCompositeType(named) ? named : undefined,
      children: field.selectionSet && isCompositeType(named) ? setOf(walk, field.selectionSet) : undefined,
      listSize,
      sizedFields: listSize?.sizedFields ? new Set(listSize.sizedFields) : undefined,
      window: window && {
        size: window,
        from: plannedArgument(field, definition, window.from),
        to: plannedArgument(field, definition, window.to),
        step: plannedArgument(field, definition, window.step),
      },
      slicing: slicing
        .map((name) => plannedArgument(field, definition, name))
        .filter((argument) => argument.given !== undefined || argument.defaultValue !== undefined),
    });
  }
  return planned;
}

/** The plans of a selection set, shared by every field that selects it (through a fragment, say). */
function setOf(walk: Walk, selectionSet: SelectionSetNode): PlannedSet {
  let set = walk.plans.get(selectionSet);
  if (!set) {
    set = { selectionSet, byType: new Map() };
    walk.plans.set(selectionSet, set);
  }
  return set;
}

function planOf(walk: Walk, set: PlannedSet, type: GraphQLCompositeType): readonly PlannedField[] {
  let planned = set.byType.get(type);
  if (!planned) {
    planned = plan(walk, set.selectionSet, type);
    set.byType.set(type, planned);
  }
  return planned;
}

/** The size a connection's `@listSize(sizedFields)` hands down to the lists inside it. */
interface SizedFields {
  readonly fields: ReadonlySet<string>;
  readonly size: number;
}

function slicedSize(walk: Walk, field: PlannedField): number | undefined {
  if (field.window) return windowSize(walk, field.window);
  const { maxListSize } = walk.input;
  let size: number | undefined;
  for (const argument of field.slicing) {
    const value = argumentValue(walk, argument);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxListSize) {
      walk.violations.push({ field: field.coordinate, argument: argument.name, value, maximum: maxListSize });
      continue;
    }
    size = size === undefined ? value : Math.max(size, value);
  }
  return size ?? field.listSize?.assumedSize;
}

/** How many elements a window of `to - from` seconds holds at most, one every `step` seconds. */
function windowSize(walk: Walk, window: PlannedWindow): number | undefined {
  const from = argumentValue(walk, window.from);
  const to = argumentValue(walk, window.to);
  const step = argumentValue(walk, window.step);
  if (typeof from !== 'number' || typeof to !== 'number') return undefined;
  const { perSecond } = window.size;
  const interval = typeof step === 'number' && step > 1 / perSecond ? step : 1 / perSecond;
  const size = Math.floor(Math.max(0, to - from) / interval) + 1;
  return Number.isFinite(size) ? Math.min(size, walk.input.maxListSize) : walk.input.maxListSize;
}

function selectionCost(walk: Walk, set: PlannedSet, type: GraphQLCompositeType, sized?: SizedFields): number {
  let total = 0;
  for (const field of planOf(walk, set, type)) {
    const size = slicedSize(walk, field);
    const handedDown =
      field.sizedFields && size !== undefined ? { fields: field.sizedFields, size } : undefined;
    const below = field.below ? selectionCost(walk, field.children!, field.below, handedDown) : 0;
    const one = field.own + below;
    if (!field.list) {
      total += one;
      continue;
    }
    const fromParent = sized?.fields.has(field.name) ? sized.size : undefined;
    const own = field.sizedFields ? undefined : size;
    total += (fromParent ?? own ?? walk.input.defaultListSize) * one;
  }
  return total;
}

function startWalk(
  input: CostInput,
  variables: Readonly<Record<string, unknown>>,
): { walk: Walk; root: GraphQLCompositeType | undefined; base: number } {
  const root = input.schema.getRootType(input.operation.operation) ?? undefined;
  return {
    walk: { input, plans: plansFor(input.directives), fragments: undefined, variables, violations: [] },
    root,
    base: input.operation.operation === 'mutation' ? MUTATION_BASE_COST : 0,
  };
}

/** The static estimate, with every slicing argument it refused (the estimate is meaningless then). */
export function estimateOperationCost(input: CostInput): CostEstimate {
  const { walk, root, base } = startWalk(input, effectiveVariables(input));
  const cost = root ? base + selectionCost(walk, setOf(walk, input.operation.selectionSet), root) : base;
  return { cost, violations: walk.violations };
}

/** The cost the response really had: the same rules, with the list sizes it returned. */
export function actualCost(input: CostInput, data: unknown): number {
  const { walk, root, base } = startWalk(input, input.variables);
  const cost = (value: unknown, set: PlannedSet, type: GraphQLCompositeType): number => {
    if (value === null || typeof value !== 'object') return 0;
    const record = value as Record<string, unknown>;
    const concrete =
      typeof record.__typename === 'string' ? input.schema.getType(record.__typename) : undefined;
    const actualType = concrete && isCompositeType(concrete) ? concrete : type;
    let total = 0;
    for (const field of planOf(walk, set, actualType)) {
      const result = record[field.responseKey];
      if (result === undefined || result === null) continue;
      const { below, children } = field;
      if (!Array.isArray(result)) {
        total += field.own + (below ? cost(result, children!, below) : 0);
        continue;
      }
      for (const item of result as unknown[]) {
        total += field.own + (below ? cost(item, children!, below) : 0);
      }
    }
    return total;
  };
  return root ? base + cost(data, setOf(walk, input.operation.selectionSet), root) : base;
}
