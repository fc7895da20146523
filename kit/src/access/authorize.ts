/**
 * Authorization of an operation: every field it selects is checked against the access rules of the schema and
 * the caller's principal. The gateway runs it before planning, each subgraph again before its resolvers; the
 * refusals name each field refused and the scope it lacks.
 */
import {
  getNamedType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Principal } from '../principal';
import type { AccessPolicies, AccessRule } from './policies';

export interface Refusal {
  /** `Type.field` as in the schema. */
  readonly field: string;
  /** Set when the field needs an identity and the call has none. */
  readonly needsIdentity: boolean;
  /** The scope alternatives the caller lacks (each inner list lists what is missing from one alternative). */
  readonly missingScopes: readonly (readonly string[])[];
}

/** The rules one field of an operation is under: its own, its parent type's and its return type's. */
export interface FieldRules {
  readonly field: string;
  readonly rules: readonly AccessRule[];
}

/** Who a principal is, as far as access rules ask: an identity (a key or a portal user) and scopes. */
export type Caller = Pick<Principal, 'keyId' | 'userId' | 'scopes'>;

function check(rule: AccessRule, principal: Caller, identified: boolean) {
  const needsIdentity = rule.authenticated && !identified;
  const missing = rule.scopes.map((group) => group.filter((scope) => !principal.scopes.includes(scope)));
  const scopesOk = rule.scopes.length === 0 || missing.some((group) => group.length === 0);
  return needsIdentity || !scopesOk ? { needsIdentity, missingScopes: scopesOk ? [] : missing } : undefined;
}

/**
 * Every field the operation selects that is under a rule, once, in the order it first appears. It depends on
 * the operation only, not on the caller, so it can be kept with a parsed document.
 */
export function rulesOfOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  policies: AccessPolicies,
): FieldRules[] {
  const found = new Map<string, FieldRules>();
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === 'FragmentDefinition');
  // Fragments are visited with the operation so their fields are checked in their own type context.
  const target = { ...document, definitions: [operation, ...fragments] };
  visit(
    target,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || field.name.startsWith('__')) return;
        const key = `${parent.name}.${field.name}`;
        if (found.has(key)) return;
        const rules = [
          policies.fields.get(key),
          policies.types.get(parent.name),
          policies.types.get(getNamedType(field.type).name),
        ].filter((rule) => rule !== undefined);
        if (rules.length > 0) found.set(key, { field: key, rules });
      },
    }),
  );
  return [...found.values()];
}

/** What `principal` is refused of the fields `rulesOfOperation` found. */
export function refusalsOf(fields: readonly FieldRules[], principal: Caller): Refusal[] {
  const identified = Boolean(principal.keyId || principal.userId);
  const refusals: Refusal[] = [];
  for (const { field, rules } of fields) {
    for (const rule of rules) {
      const refusal = check(rule, principal, identified);
      if (refusal) {
        refusals.push({ field, ...refusal });
        break;
      }
    }
  }
  return refusals;
}

export function authorizeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  policies: AccessPolicies,
  principal: Caller,
): Refusal[] {
  return refusalsOf(rulesOfOperation(schema, document, operation, policies), principal);
}

export function describeRefusals(refusals: readonly Refusal[]): string {
  return refusals
    .map((refusal) =>
      refusal.needsIdentity
        ? `${refusal.field} needs an API key or a session`
        : `${refusal.field} needs the scope ${refusal.missingScopes.map((group) => group.join(' and ')).join(' or ')}`,
    )
    .join('; ');
}
