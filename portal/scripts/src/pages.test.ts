import { errorCodes } from '@meridian/schema';
import { snapshotText } from '@meridian/schema/tooling';
import { changelogMarkdown, errorCodesMarkdown, referenceSchema } from './pages';

const V1 = `type Query { match(id: ID!): Match }\ntype Match { id: ID!, venue: String! }\n`;
const V2 = `type Query { match(id: ID!): Match }\ntype Match { id: ID!, venue: String!, status: Status }\nenum Status { PLAYED }\n`;
const CURRENT = `type Query { match(id: ID!): Match }\ntype Match { id: ID!, status: Status }\nenum Status { PLAYED, POSTPONED }\n`;

describe('the schema changelog', () => {
  it('lists the unreleased changes first, then each release against the one before, by class', async () => {
    const page = await changelogMarkdown(
      [
        { version: '0.1.0', released: '2026-01-05', sdl: V1 },
        { version: '0.2.0', released: '2026-02-09', sdl: V2 },
      ],
      CURRENT,
    );
    const sections = page.split(/^## /m).slice(1);
    expect(sections.map((section) => section.split('\n')[0])).toEqual([
      'Unreleased',
      '0.2.0 {#v0-2-0}',
      '0.1.0 {#v0-1-0}',
    ]);
    const [unreleased, second, first] = sections as [string, string, string];
    expect(unreleased).toMatch(/#### Breaking\n\n- .*`venue`.*removed/);
    expect(unreleased).toMatch(/#### Dangerous\n\n- .*`POSTPONED`/);
    expect(unreleased).not.toMatch(/#### Safe/);
    expect(second).toMatch(/Released 2026-02-09/);
    expect(second).toMatch(/#### Safe\n\n(- .*\n)*- .*`status`/);
    expect(second).not.toMatch(/#### Breaking/);
    expect(first).toMatch(/The first release: 1 queries, 0 mutations, 0 subscriptions and 1 types/);
  });

  it('says when nothing changed since the latest release', async () => {
    const page = await changelogMarkdown([{ version: '0.1.0', released: '2026-01-05', sdl: V1 }], V1);
    expect(page).toMatch(/## Unreleased\n\nNo changes to the public API\./);
  });

  it('escapes what MDX would read as code', async () => {
    const described = V1.replace('venue: String!', '"""Where it is played {city}"""\nvenue: String!');
    const page = await changelogMarkdown([{ version: '0.1.0', released: '2026-01-05', sdl: V1 }], described);
    expect(page).toMatch(/\\\{city\\\}/);
  });

  it('reads the snapshot format the history uses', () => {
    expect(snapshotText('1.2.3', '2026-03-01', V1)).toMatch(/^# Meridian API 1\.2\.3, released 2026-03-01\b/);
  });
});

describe('the error reference', () => {
  it('has a section for every code of the catalog', () => {
    const page = errorCodesMarkdown();
    for (const code of errorCodes) expect(page).toContain(`### \`${code}\``);
  });
});

describe('the reference schema', () => {
  it('drops the federation machinery and states the scope each type and field needs', () => {
    const supergraph = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION)
  @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY) { query: Query }
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean, overrideLabel: String, contextArguments: [join__ContextArgument!]) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
input join__ContextArgument { name: String!, type: String!, context: String!, selection: join__FieldValue! }
scalar join__FieldSet
scalar join__FieldValue
enum join__Graph { A @join__graph(name: "a", url: "http://a") }
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
scalar requiresScopes__Scope
type Query @join__type(graph: A) { team: Team }
type Sponsor @join__type(graph: A) @requiresScopes(scopes: [["billing:read"]]) { name: String! }
"""A club."""
type Team @join__type(graph: A) @requiresScopes(scopes: [["matches:read"]]) {
  name: String!
  owner: String @requiresScopes(scopes: [["billing:read"], ["admin"]])
  sponsor: Sponsor
}
`;
    const schema = referenceSchema(supergraph);
    expect(schema).not.toMatch(/join__|link__|@requiresScopes/);
    expect(schema).toMatch(/"""\nA club\.\n\nNeeds the scope `matches:read`\.\n"""\ntype Team/);
    expect(schema).toMatch(/"""Needs the scope `billing:read`, or `admin`\."""\n {2}owner: String/);
    // A field joining a type under other scopes says so; the type's own fields need not repeat it.
    expect(schema).toMatch(
      /"""Returns `Sponsor`, which needs the scope `billing:read`\."""\n {2}sponsor: Sponsor/,
    );
    expect(schema).toMatch(/"""Returns `Team`, which needs the scope `matches:read`\."""\n {2}team: Team/);
  });
});
