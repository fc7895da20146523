/**
 * Shape limits of an operation, checked before it is planned: how deep it nests, how many aliases, root
 * fields and directives it uses. Fragments count where they are spread, so a limit cannot be dodged by
 * moving selections into fragments.
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
}

export interface OperationShape {
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly directives: number;
}

export interface LimitViolation {
  readonly limit: 'depth' | 'aliases' | 'rootFields' | 'directives';
  readonly maximum: number;
  readonly actual: number;
}

export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  let aliases = 0;
  let directives = operation.directives?.length ?? 0;

  // Depth of a selection set, counting aliases and directives on the way; `seen` stops fragment cycles.
  const walk = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const below = selection.selectionSet ? walk(selection.selectionSet, seen) : 0;
        deepest = Math.max(deepest, 1 + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(selection.selectionSet, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        directives += fragment.directives?.length ?? 0;
        deepest = Math.max(deepest, walk(fragment.selectionSet, new Set([...seen, fragment.name.value])));
      }
    }
    return deepest;
  };

  const depth = walk(operation.selectionSet, new Set());
  return { depth, aliases, rootFields: countRootFields(operation.selectionSet, fragments), directives };
}

function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: ReadonlySet<string> = new Set(),
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      count += countRootFields(selection.selectionSet, fragments, seen);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && !seen.has(fragment.name.value)) {
        count += countRootFields(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value]));
      }
    }
  }
  return count;
}

export function checkOperationLimits(shape: OperationShape, limits: OperationLimits): LimitViolation[] {
  const checks: [LimitViolation['limit'], number, number][] = [
    ['depth', limits.maxDepth, shape.depth],
    ['aliases', limits.maxAliases, shape.aliases],
    ['rootFields', limits.maxRootFields, shape.rootFields],
    ['directives', limits.maxDirectives, shape.directives],
  ];
  return checks
    .filter(([, maximum, actual]) => actual > maximum)
    .map(([limit, maximum, actual]) => ({ limit, maximum, actual }));
}
