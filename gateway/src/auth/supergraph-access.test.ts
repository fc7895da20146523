import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { authorizeOperation, describeRefusals, readAccessPolicies } from '@meridian/kit/access';
import { parse, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_SUPERGRAPH_FILE } from '../config';
import { supergraphForPlanner } from './planner';

const sdl = fs.readFileSync(DEFAULT_SUPERGRAPH_FILE, 'utf8');
const schema = Supergraph.build(supergraphForPlanner(sdl)).apiSchema().toGraphQLJSSchema();
const policies = readAccessPolicies(sdl);

function authorize(query: string, scopes: string[], keyId: string | null = 'key_1') {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return authorizeOperation(schema, document, operation, policies, { keyId: keyId ?? undefined, scopes });
}

describe('authorization from @requiresScopes', () => {
  it('reads the rules the subgraphs declared', () => {
    expect(policies.types.get('Match')).toEqual({ authenticated: false, scopes: [['matches:read']] });
    expect(policies.fields.get('Customer.aircraft')).toEqual({
      authenticated: false,
      scopes: [['telemetry:read']],
    });
  });

  it('reads what each root field declares: scopes, an identity, or nothing for public ones', () => {
    expect(policies.fields.get('Query.fleets')).toEqual({
      authenticated: false,
      scopes: [['telemetry:read']],
    });
    expect(policies.fields.get('Mutation.logout')).toEqual({ authenticated: true, scopes: [] });
    expect(policies.fields.get('Mutation.createPartner')).toEqual({
      authenticated: true,
      scopes: [['billing:read']],
    });
    expect(policies.fields.has('Mutation.login')).toBe(false);
    const login = 'mutation { login(email: "a@b.example", password: "p") { accessToken } }';
    expect(authorize(login, [], null)).toEqual([]);
    expect(authorize('{ me { email } }', ['billing:read'], null)).toEqual([
      { field: 'Query.me', needsIdentity: true, missingScopes: [] },
    ]);
  });

  it('lets a key with the scopes through', () => {
    expect(authorize('{ matches { id homeTeam { name } } }', ['matches:read'])).toEqual([]);
  });

  it('names each field refused and the scope it lacks, including fields reached through another subgraph', () => {
    const refusals = authorize('{ matches { id broadcaster { name aircraft { registration } } } }', [
      'matches:read',
      'billing:read',
    ]);
    expect(refusals).toEqual([
      { field: 'Customer.aircraft', needsIdentity: false, missingScopes: [['telemetry:read']] },
      { field: 'Aircraft.registration', needsIdentity: false, missingScopes: [['telemetry:read']] },
    ]);
    expect(describeRefusals(refusals)).toContain('Customer.aircraft needs the scope telemetry:read');
  });

  it('checks fields inside fragments', () => {
    expect(
      authorize('{ fleet { ...A } } fragment A on Aircraft { registration }', ['matches:read']),
    ).toHaveLength(2);
  });

  it('lets the planner load the supergraph without the SECURITY mark, and only that changes', () => {
    const planned = supergraphForPlanner(sdl);
    expect(planned).not.toMatch(/for: SECURITY/);
    expect(planned.replace(/\s/g, '').length).toBe(
      sdl.replace(/\s/g, '').replace(/,for:SECURITY/g, '').length,
    );
  });
});
