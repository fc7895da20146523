/**
 * How a subgraph says who may use a field or a type. Federation's `@requiresScopes` and `@authenticated`
 * restrict; Meridian's `@public` says a field is open to every caller on purpose. Every root field and every
 * entity carries one of the three, so a field with none is a forgotten one and composition refuses it
 * (`schema/compose/access.ts`). The decorators below write them on type-graphql classes and resolvers.
 */
import type { Scope } from '@meridian/contracts';
import { Directive } from 'type-graphql';

/** Names Meridian's access feature in `@link`; an identifier only, never fetched. */
const ACCESS_SPEC_URL = 'https://specs.meridian.dev/access/v0.1';

/**
 * What every subgraph schema adds for `@public`: its definition, and `@composeDirective` so that the
 * supergraph keeps it too, and whoever reads the supergraph sees an open field was opened on purpose.
 */
export const accessLink = `
  extend schema
    @link(url: "${ACCESS_SPEC_URL}", import: ["@public"])
    @composeDirective(name: "@public")

  directive @public on FIELD_DEFINITION | OBJECT
`;

type AccessDecorator = ReturnType<typeof Directive>;

/** `@public`: deliberately open to every caller, with or without a key or a session. */
export function Public(): AccessDecorator {
  return Directive('@public');
}

/** `@authenticated`: open to any caller with an API key or a portal session, whatever its scopes. */
export function Authenticated(): AccessDecorator {
  return Directive('@authenticated');
}

/**
 * `@requiresScopes` with one alternative: the caller needs every scope named. Fields open to one of several
 * sets of scopes write the directive itself, `@requiresScopes(scopes: [["a"], ["b"]])`.
 */
export function RequiresScopes(...scopes: [Scope, ...Scope[]]): AccessDecorator {
  return Directive(`@requiresScopes(scopes: [${JSON.stringify(scopes)}])`);
}
