/**
 * The limits of the public API that clients plan against: the operation limits a gateway applies unless its
 * environment sets others, and the lists whose size is a time window rather than a count. The gateway takes
 * its defaults from here and the portal's reference prints them, so each is stated once.
 */

/** Shape and cost limits every operation must keep (each one a gateway setting, e.g. `MAX_DEPTH`). */
export interface OperationLimitSettings {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxDirectives: number;
  /** Field selections once fragments are expanded where they are spread. */
  readonly maxSelections: number;
  /** Depth allowed to an operation made only of one `__schema` or `__type` (the standard query is 15 deep). */
  readonly maxIntrospectionDepth: number;
  readonly maxTokens: number;
  readonly maxQueryBytes: number;
  readonly maxCost: number;
  /** Size assumed for a list whose size the schema does not state. */
  readonly defaultListSize: number;
  /** The largest value a slicing argument (`first`, `last`, …) may take. */
  readonly maxListSize: number;
}

/** The operation limits of a gateway whose environment sets none. */
export const OPERATION_LIMIT_DEFAULTS: OperationLimitSettings = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 10,
  maxDirectives: 20,
  maxSelections: 5_000,
  maxIntrospectionDepth: 15,
  maxTokens: 2_000,
  maxQueryBytes: 20_000,
  maxCost: 10_000,
  defaultListSize: 10,
  maxListSize: 100_000,
});

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

/** The windowed lists by `Type.field`, with the arguments that bound their window. */
export const WINDOWED_LISTS: ReadonlyMap<string, WindowSize> = new Map([
  ['Match.frames', { from: 'from', to: 'to', step: 'every', perSecond: 25 }],
]);
