/**
 * `_entities` as uncacheable as its least hinted entity. Apollo's `_entities` restricts its hint by the hint of
 * each entity type it resolves, but a type without one restricts nothing: fetched beside a hinted type, an
 * unhinted entity would be cached for as long as the hinted one. Here any entity type without a hint of its own
 * makes the whole answer uncacheable, as it does when fetched alone.
 */
import { isObjectType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { policyOf } from './values';

function hasHint(type: GraphQLNamedType | undefined): boolean {
  const nodes = [type?.astNode, ...(type?.extensionASTNodes ?? [])];
  return nodes.some((node) => node?.directives?.some((d) => d.name.value === 'cacheControl'));
}

export function uncacheableUnhintedEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  const unhinted = new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !hasHint(type))
      .map((type) => type.name),
  );
  field.resolve = (
    source,
    args: { representations?: readonly { __typename?: unknown }[] },
    context,
    info,
  ) => {
    const policy = policyOf(info);
    if (policy && args.representations?.some((r) => unhinted.has(String(r.__typename)))) {
      policy.restrict({ maxAge: 0 });
    }
    return resolve(source, args, context, info);
  };
}
