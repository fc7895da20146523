/**
 * Cache hints that depend on the value rather than its type: a match may be kept an hour once it is over and
 * only seconds while it is played. Each hint is given every value of its type that an answer holds, wherever
 * it comes from (any field returning the type, lists included, or `_entities`), and restricts that field's
 * hint as a resolver's own `info.cacheControl` call would, so no resolver has to remember to do it.
 */
import type { BaseContext, GraphQLRequestContext } from '@apollo/server';
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { CacheLifetime } from './directives';

/**
 * The lifetime of one value of a type. Declared with a `never` parameter so that a hint of any value type
 * (`(match: Match) => …`) fits; each is only ever called with values of its own type.
 */
export type ValueCacheHint = (value: never) => CacheLifetime;

/** Value hints by type name. */
export type ValueCacheHints = Readonly<Record<string, ValueCacheHint>>;

type CachePolicy = GraphQLRequestContext<BaseContext>['overallCachePolicy'];

/** The field's own policy, which Apollo Server's cache-control plugin puts on `info`; absent without it. */
export function policyOf(info: GraphQLResolveInfo | undefined): CachePolicy | undefined {
  return (info as { cacheControl?: { cacheHint?: CachePolicy } } | undefined)?.cacheControl?.cacheHint;
}

function leaves(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(leaves) : [value];
}

async function restrictByValues(result: unknown, policy: CachePolicy, hint: ValueCacheHint) {
  const value = await result;
  for (const item of await Promise.allSettled(leaves(value))) {
    if (item.status === 'fulfilled' && item.value !== null && item.value !== undefined) {
      policy.restrict(hint(item.value as never));
    }
  }
  return value;
}

/** `result` unchanged, its field's hint restricted by each value it holds once they are known. */
function hinted(result: unknown, info: GraphQLResolveInfo | undefined, hint: ValueCacheHint): unknown {
  const policy = policyOf(info);
  return policy ? restrictByValues(result, policy, hint) : result;
}

/** Wraps the resolver of every field whose type (or list item type) has a value hint. */
export function applyValueCacheHints(schema: GraphQLSchema, hints: ValueCacheHints): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const hint = hints[getNamedType(field.type).name];
      if (!hint) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) =>
        hinted(resolve(source, args, context, info), info, hint);
    }
  }
}

/** A reference resolver of its own shape: `_entities` passes its `info`, whose hint covers every entity. */
export interface ReferenceResolver<Context> {
  __resolveReference(reference: Record<string, unknown>, context: Context, info: GraphQLResolveInfo): unknown;
}

/** The reference resolver of a type with a value hint: the entities it resolves restrict `_entities`. */
export function hintedReference<Context>(
  reference: ReferenceResolver<Context>,
  hint: ValueCacheHint | undefined,
): ReferenceResolver<Context> {
  if (!hint) return reference;
  return {
    __resolveReference: (representation, context, info) =>
      hinted(reference.__resolveReference(representation, context, info), info, hint),
  };
}
