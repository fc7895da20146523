/**
 * Authorization before planning: every field an operation selects is checked against the access rules of the
 * supergraph and the caller's principal. Nothing is sent to a subgraph unless every field is allowed; the
 * error names each field refused and the scope it lacks.
 */
import type { Principal } from '@meridian/kit';
import {
  getNamedType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { AccessPolicies, AccessRule } from './policies';

export interface Refusal {
  /** `Type.field` as in the schema. */
  readonly field: string;
  /** Set when the field needs an identity and the call has none. */
  readonly needsIdentity: boolean;
  /** The scope alternatives the caller lacks (each inner list lists what is missing from one alternative). */
  readonly missingScopes: readonly (readonly string[])[];
}

function check(rule: AccessRule | undefined, principal: Principal, identified: boolean) {
  if (!rule) return undefined;
  const needsIdentity = rule.authenticated && !identified;
  const missing = rule.scopes.map((group) => group.filter((scope) => !principal.scopes.includes(scope)));
  const scopesOk = rule.scopes.length === 0 || missing.some((group) => group.length === 0);
  return needsIdentity || !scopesOk ? { needsIdentity, missingScopes: scopesOk ? [] : missing } : undefined;
}

export function authorizeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  policies: AccessPolicies,
  principal: Principal,
): Refusal[] {
  const identified = Boolean(principal.keyId || principal.userId);
  const refusals = new Map<string, Refusal>();
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
        const rules = [
          policies.fields.get(key),
          policies.types.get(parent.name),
          policies.types.get(getNamedType(field.type).name),
        ];
        for (const rule of rules) {
          const refusal = check(rule, principal, identified);
          if (refusal && !refusals.has(key)) refusals.set(key, { field: key, ...refusal });
        }
      },
    }),
  );
  return [...refusals.values()];
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
