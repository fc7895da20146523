/**
 * Shape limits of an operation, checked before it is planned: how deep it nests, how many aliases, root
 * fields, directives and field selections it uses once its fragments are expanded. Fragments count where they
 * are spread, so a limit cannot be dodged by moving selections into fragments.
 *
 * The walk is linear in the document: each fragment definition is measured once and its measure reused at
 * every spread. Counting an expansion without performing it is what keeps a fragment bomb (each fragment
 * spreading the next one twice, 2^30 fields from a kilobyte) from freezing the gateway: its expanded size is
 * computed in a few microseconds and refused by `maxSelections`, before any walk that expands fragments runs.
 *
 * Introspection has an allowance of its own. The standard introspection query (what GraphiQL, codegen and
 * client devtools send) is 15 deep, because of how deeply it unwraps type references, deeper than any data
 * query needs. An operation made only of one `__schema` or `__type` root field (plus `__typename`) may be as
 * deep as `maxIntrospectionDepth`; everything under such a field is the schema's description of itself, so
 * the allowance can never reach data. Any data field at the root, or a second introspection field, and the
 * ordinary depth limit applies. Every other limit is the same for introspection as for data.
 * How far introspection may nest its lists of types (`fields` within `fields`…), which multiplies the answer,
 * is graphql-js's `MaxIntrospectionDepthRule`, part of the validation every door runs.
 */
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxDirectives: number;
  /** Field selections once every fragment is expanded where it is spread. */
  readonly maxSelections: number;
  /** Depth allowed to an operation made only of one introspection root field (see above). */
  readonly maxIntrospectionDepth: number;
}

export interface OperationShape {
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly directives: number;
  readonly selections: number;
  /** Whether it asks for the schema itself (`__schema` or `__type`), at any depth, through any fragment. */
  readonly introspects: boolean;
  /** `__schema` and `__type` fields at the root, however spread; `rootFields` counts the others. */
  readonly introspectionRootFields: number;
}

export interface LimitViolation {
  readonly limit: 'depth' | 'aliases' | 'rootFields' | 'directives' | 'selections';
  readonly maximum: number;
  readonly actual: number;
}

/** The measure of one selection set; `fields` counts the fields at its own level (root fields at the root). */
interface Measure {
  depth: number;
  aliases: number;
  directives: number;
  selections: number;
  fields: number;
  /** `__schema` and `__type` fields at its own level. */
  introspectionFields: number;
  introspects: boolean;
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

function empty(): Measure {
  return {
    depth: 0,
    aliases: 0,
    directives: 0,
    selections: 0,
    fields: 0,
    introspectionFields: 0,
    introspects: false,
  };
}

/** Adds `part`, spread at this level, into `into`. Counts saturate at Infinity, which every limit refuses. */
function add(into: Measure, part: Measure): void {
  into.depth = Math.max(into.depth, part.depth);
  into.aliases += part.aliases;
  into.directives += part.directives;
  into.selections += part.selections;
  into.fields += part.fields;
  into.introspectionFields += part.introspectionFields;
  into.introspects ||= part.introspects;
}

export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Measure>();
  // A fragment being measured; spreading it again is a cycle (refused by validation), which adds nothing.
  const inProgress = new Set<string>();

  const fragmentMeasure = (name: string): Measure => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return empty();
    inProgress.add(name);
    const measure = selectionMeasure(fragment.selectionSet);
    measure.directives += fragment.directives?.length ?? 0;
    inProgress.delete(name);
    measured.set(name, measure);
    return measure;
  };

  const selectionMeasure = (selectionSet: SelectionSetNode): Measure => {
    const measure = empty();
    for (const selection of selectionSet.selections) {
      measure.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? selectionMeasure(selection.selectionSet) : empty();
        measure.depth = Math.max(measure.depth, 1 + below.depth);
        measure.aliases += below.aliases + (selection.alias ? 1 : 0);
        measure.directives += below.directives;
        measure.selections += below.selections + 1;
        const introspection = INTROSPECTION_FIELDS.has(selection.name.value);
        measure.fields += selection.name.value.startsWith('__') ? 0 : 1;
        measure.introspectionFields += introspection ? 1 : 0;
        measure.introspects ||= below.introspects || introspection;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(measure, selectionMeasure(selection.selectionSet));
      } else {
        add(measure, fragmentMeasure(selection.name.value));
      }
    }
    return measure;
  };

  const root = selectionMeasure(operation.selectionSet);
  return {
    depth: root.depth,
    aliases: root.aliases,
    rootFields: root.fields,
    directives: root.directives + (operation.directives?.length ?? 0),
    selections: root.selections,
    introspects: root.introspects,
    introspectionRootFields: root.introspectionFields,
  };
}

/** Whether the operation is one introspection root field and nothing that reads data. */
function isIntrospectionOnly(shape: OperationShape): boolean {
  return shape.rootFields === 0 && shape.introspectionRootFields === 1;
}

function depthLimit(shape: OperationShape, limits: OperationLimits): number {
  return isIntrospectionOnly(shape)
    ? Math.max(limits.maxDepth, limits.maxIntrospectionDepth)
    : limits.maxDepth;
}

export function checkOperationLimits(shape: OperationShape, limits: OperationLimits): LimitViolation[] {
  const checks: [LimitViolation['limit'], number, number][] = [
    ['selections', limits.maxSelections, shape.selections],
    ['depth', depthLimit(shape, limits), shape.depth],
    ['aliases', limits.maxAliases, shape.aliases],
    ['rootFields', limits.maxRootFields, shape.rootFields],
    ['directives', limits.maxDirectives, shape.directives],
  ];
  return checks
    .filter(([, maximum, actual]) => actual > maximum)
    .map(([limit, maximum, actual]) => ({ limit, maximum, actual: Math.min(actual, Number.MAX_VALUE) }));
}
